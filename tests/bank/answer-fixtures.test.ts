import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { bankSchema } from "../../src/bank/schema.js";

/**
 * The labelled answers behind `npm run bench:feedback`: their shape, not the matcher.
 * `ai-infra.jsonl` is the set the matcher was built against; `ai-infra-unseen.jsonl` is a second
 * set, written the same way by another hand, that the matcher has never been tuned on;
 * `ai-infra-holdout.jsonl` is a third such set, a hold-out that nobody tunes on.
 */
const bank = bankSchema.parse(
  JSON.parse(readFileSync(new URL("../../data/banks/ai-infra.json", import.meta.url), "utf8")),
);
const KINDS = ["paraphrase", "partial", "wrong", "restated", "stuffed"];
/** The grade each kind is written to earn: a good paraphrase, a partial answer, and the rest none. */
const GRADE_OF_KIND: Record<string, number> = {
  paraphrase: 2,
  partial: 1,
  wrong: 0,
  restated: 0,
  stuffed: 0,
};

function read(file: string): Record<string, unknown>[] {
  const lines = readFileSync(new URL(`../fixtures/answers/${file}`, import.meta.url), "utf8");
  return lines
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe.each(["ai-infra.jsonl", "ai-infra-unseen.jsonl", "ai-infra-holdout.jsonl"])(
  "%s",
  (file) => {
    const answers = read(file);

    test("five labelled answers per question, one of each kind, half in Chinese", () => {
      expect(answers.length).toBe(5 * bank.questions.length);
      for (const question of bank.questions) {
        const mine = answers.filter((a) => a.number === question.number);
        expect(mine.map((a) => a.kind).sort()).toEqual([...KINDS].sort());
      }
      expect(answers.filter((a) => a.lang === "zh-CN").length).toBe(answers.length / 2);
      expect(answers.filter((a) => a.lang === "en-US").length).toBe(answers.length / 2);
      for (const kind of KINDS) {
        const langs = new Set(answers.filter((a) => a.kind === kind).map((a) => a.lang));
        expect([...langs].sort(), kind).toEqual(["en-US", "zh-CN"]);
      }
    });

    test.each(answers.map((a, line) => [line + 1, a] as const))(
      "line %i names key points of its question and the grade of its kind",
      (_line, answer) => {
        const question = bank.questions.find((q) => q.number === answer.number);
        const ids = question?.keyPoints?.map((point) => point.id) ?? [];
        expect(answer.covered).toBeInstanceOf(Array);
        const covered = answer.covered as unknown[];
        for (const id of covered) expect(ids).toContain(id);
        expect(new Set(covered).size).toBe(covered.length);
        expect([0, 1, 2]).toContain(answer.grade);
        expect(answer.grade).toBe(GRADE_OF_KIND[String(answer.kind)]);
        // 0 covers nothing, 1 covers some but not most, 2 covers at least half.
        if (answer.grade === 0) expect(covered).toEqual([]);
        if (answer.grade === 1) expect(covered.length).toBeGreaterThan(0);
        if (answer.grade === 1) expect(covered.length).toBeLessThan(ids.length);
        if (answer.grade === 2) expect(covered.length * 2).toBeGreaterThanOrEqual(ids.length);
        expect(["zh-CN", "en-US"]).toContain(answer.lang);
        expect(typeof answer.text === "string" && answer.text.trim().length > 0).toBe(true);
      },
    );
  },
);
