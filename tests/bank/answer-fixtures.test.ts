import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { bankSchema } from "../../src/bank/schema.js";

/** The labelled answers behind `npm run bench:feedback`: their shape, not the matcher. */
const bank = bankSchema.parse(
  JSON.parse(readFileSync(new URL("../../data/banks/ai-infra.json", import.meta.url), "utf8")),
);
const lines = readFileSync(
  new URL("../fixtures/answers/ai-infra.jsonl", import.meta.url),
  "utf8",
).trim();
const answers = lines.split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
const KINDS = ["paraphrase", "partial", "wrong", "restated", "stuffed"];

test("five labelled answers per question, one of each kind, half in Chinese", () => {
  expect(answers.length).toBe(5 * bank.questions.length);
  for (const question of bank.questions) {
    const mine = answers.filter((a) => a.number === question.number);
    expect(mine.map((a) => a.kind).sort()).toEqual([...KINDS].sort());
  }
  expect(answers.filter((a) => a.lang === "zh-CN").length).toBe(answers.length / 2);
  expect(answers.filter((a) => a.lang === "en-US").length).toBe(answers.length / 2);
});

test.each(answers.map((a, line) => [line + 1, a] as const))(
  "line %i names key points of its question and a grade 0, 1 or 2",
  (_line, answer) => {
    const question = bank.questions.find((q) => q.number === answer.number);
    const ids = question?.keyPoints?.map((point) => point.id) ?? [];
    expect(answer.covered).toBeInstanceOf(Array);
    for (const id of answer.covered as unknown[]) expect(ids).toContain(id);
    expect([0, 1, 2]).toContain(answer.grade);
    expect(typeof answer.text === "string" && answer.text.trim().length > 0).toBe(true);
  },
);
