import { expect, test } from "vitest";
import { foldLegacy, gradeOf, type AnswerRecord } from "../../src/store/answer-record.js";
import { answer } from "./records.js";

const stored = (at: number): AnswerRecord => ({
  ...answer({ id: "s", at, text: "graded" }),
  rev: 2,
  attempts: 1,
  countedAt: at,
  recentIds: ["s"],
  covered: ["a"],
  suggestedGrade: "hard",
  finalGrade: "good",
});
const legacyRow = (at: number) => ({ key: `g1:u1:5:l${at}`, value: answer({ id: `l${at}`, at }) });

test("GIVEN a graded record newer than an older store's rows THEN its feedback reads with it", () => {
  expect(foldLegacy(stored(50), [legacyRow(10)])).toMatchObject({
    text: "graded",
    attempts: 2,
    covered: ["a"],
    suggestedGrade: "hard",
    finalGrade: "good",
  });
});

test("GIVEN an older store's row newer than the graded record THEN its ungraded text reads without the feedback", () => {
  const folded = foldLegacy(stored(5), [legacyRow(10)]);
  expect(folded).toMatchObject({ id: "l10", attempts: 2 });
  expect(folded).not.toHaveProperty("suggestedGrade");
  expect(folded).not.toHaveProperty("finalGrade");
});

test.each([
  [{ suggestedGrade: "hard", finalGrade: null }, "hard"],
  [{ suggestedGrade: "hard", finalGrade: "easy" }, "easy"],
  [{}, null],
] as const)("GIVEN %j THEN the grade that counts is %s", (record, expected) => {
  expect(gradeOf(record)).toBe(expected);
});
