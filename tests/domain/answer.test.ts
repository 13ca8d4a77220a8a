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
  // Nothing a reader sees: zero-width characters, direction marks, NUL.
  ["\u200b\u200c\u200d\u2060\ufeff", { ok: false, error: "answer-empty" }],
  ["\u200f\u202e \u2067", { ok: false, error: "answer-empty" }],
  ["\u0000\u0000", { ok: false, error: "answer-empty" }],
  // NUL and other control characters are dropped from a real answer; right-to-left text is kept.
  ["a\u0000b\u0007", { ok: true, text: "ab" }],
  [
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    { ok: true, text: "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627" },
  ],
  // An emoji is two UTF-16 units but one character to the member.
  ["😀".repeat(ANSWER_MAX_LENGTH), { ok: true, text: "😀".repeat(ANSWER_MAX_LENGTH) }],
])("GIVEN answer text %# THEN the check is %j", (raw, expected) => {
  expect(checkAnswer(raw)).toEqual(expected);
});
