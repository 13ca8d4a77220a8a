import { describe, expect, test } from "vitest";
import {
  formatCustomId,
  leaderboardPageId,
  leaderboardPageOf,
  gradeButtonId,
  gradeButtonOf,
  interviewId,
  interviewRunOf,
  numericArg,
  parseCustomId,
} from "../../src/domain/custom-id.js";

test.each([
  ["question:answer:5", { command: "question", action: "answer", arg: "5" }],
  ["question:reveal:30", { command: "question", action: "reveal", arg: "30" }],
  ["leaderboard:page:2", { command: "leaderboard", action: "page", arg: "2" }],
  ["question:answer:", { command: "question", action: "answer", arg: "" }],
])("GIVEN %s THEN it parses to its parts", (raw, expected) => {
  expect(parseCustomId(raw)).toEqual(expected);
});

test.each([
  "",
  "question",
  "question:answer",
  "question:answer:5:extra",
  "Question:answer:5",
  "question:an swer:5",
  `question:answer:${"9".repeat(120)}`,
])("GIVEN the malformed id %j THEN it is rejected", (raw) => {
  expect(parseCustomId(raw)).toBeNull();
});

test("GIVEN parts THEN formatting and parsing round-trip", () => {
  const id = { command: "question", action: "submit", arg: "17" };
  expect(parseCustomId(formatCustomId(id))).toEqual(id);
});

test("GIVEN an invalid part THEN formatting refuses it", () => {
  expect(() => formatCustomId({ command: "question", action: "a:b", arg: "1" })).toThrow(
    /invalid custom id/,
  );
});

test.each([
  ["5", 5],
  ["0", null],
  ["abc", null],
  ["", null],
  ["-3", null],
])("GIVEN arg %j THEN its number is %s", (arg, expected) => {
  expect(numericArg({ command: "question", action: "answer", arg })).toBe(expected);
});

test.each([
  ["answers-0", { board: "answers", pageIndex: 0 }],
  ["week-12", { board: "week", pageIndex: 12 }],
  ["answers--1", null],
  ["nonsense-1", null],
  ["streak-", null],
  ["streak-1234567", null],
])("GIVEN the leaderboard page arg %j THEN it reads as %j", (arg, expected) => {
  expect(leaderboardPageOf({ command: "leaderboard", action: "page", arg })).toEqual(expected);
});

test("GIVEN a board and page THEN the page button's id round-trips", () => {
  const id = parseCustomId(leaderboardPageId("best", 3));
  expect(id).toEqual({ command: "leaderboard", action: "page", arg: "best-3" });
  expect(id && leaderboardPageOf(id)).toEqual({ board: "best", pageIndex: 3 });
});

test.each([
  ["5-good", { number: 5, grade: "good" }],
  ["30-again", { number: 30, grade: "again" }],
  ["5-great", null],
  ["0-easy", null],
  ["5", null],
  ["-easy", null],
])("GIVEN the grade button arg %j THEN it reads as %j", (arg, expected) => {
  expect(gradeButtonOf({ command: "question", action: "grade", arg })).toEqual(expected);
});

test("GIVEN a question and a grade THEN the grade button's id round-trips", () => {
  const id = parseCustomId(gradeButtonId(12, "hard"));
  expect(id).toEqual({ command: "question", action: "grade", arg: "12-hard" });
  expect(id && gradeButtonOf(id)).toEqual({ number: 12, grade: "hard" });
});

describe("the mock interview's ids", () => {
  test.each([
    [{ questions: [4, 9, 2], covered: [] }, "question:interview-answer:4_9_2-"],
    [{ questions: [4, 9, 2], covered: [3, 0] }, "question:interview-answer:4_9_2-30"],
    [{ questions: [36, 999_999, 1], covered: [6] }, "question:interview-answer:10_lflr_1-6"],
  ])("GIVEN the run %j THEN its id is %s and reads back as the run", (run, raw) => {
    const formatted = interviewId("interview-answer", run);
    expect(formatted).toBe(raw);
    const id = parseCustomId(formatted);
    expect(id && interviewRunOf(id)).toEqual(run);
  });

  test("GIVEN the longest run (ten six-digit questions, all answered) THEN every id fits in 100 characters", () => {
    const run = {
      questions: Array.from({ length: 10 }, (_, i) => 999_990 + i),
      covered: Array.from({ length: 10 }, () => 6),
    };
    for (const action of ["interview-next", "interview-answer", "interview-submit"] as const) {
      const raw = interviewId(action, run);
      expect(raw.length).toBeLessThanOrEqual(100);
      const id = parseCustomId(raw);
      expect(id && interviewRunOf(id)).toEqual(run);
    }
  });

  test.each([
    "",
    "4_9_2",
    "4_9-123",
    "0_9_2-",
    "4__9-",
    "4_9_2-A",
    "12345_1-",
    `${Array.from({ length: 11 }, (_, i) => i + 1).join("_")}-`,
  ])("GIVEN the arg %j THEN it is not a run", (arg) => {
    expect(interviewRunOf({ command: "question", action: "interview-next", arg })).toBeNull();
  });
});
