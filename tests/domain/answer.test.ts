import { expect, test } from "vitest";
import { ANSWER_MAX_LENGTH, checkAnswer } from "../../src/domain/answer.js";

test.each([
  ["  数据清洗  ", { ok: true, text: "数据清洗" }],
  ["a", { ok: true, text: "a" }],
  ["", { ok: false, error: "answer-empty" }],
  [" \n\t ", { ok: false, error: "answer-empty" }],
  ["x".repeat(ANSWER_MAX_LENGTH), { ok: true, text: "x".repeat(ANSWER_MAX_LENGTH) }],
  [
    "x".repeat(ANSWER_MAX_LENGTH + 1),
    { ok: false, error: "answer-too-long", length: 1001, max: 1000 },
  ],
  // An emoji is two UTF-16 units but one character to the member.
  ["😀".repeat(ANSWER_MAX_LENGTH), { ok: true, text: "😀".repeat(ANSWER_MAX_LENGTH) }],
])("GIVEN answer text %# THEN the check is %j", (raw, expected) => {
  expect(checkAnswer(raw)).toEqual(expected);
});
