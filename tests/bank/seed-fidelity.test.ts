import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";

type Texts = { question: string; answer: string; explanation: string };
type Label = { "zh-CN": string; "en-US": string };
type BankQuestion = {
  number: number;
  topics: string[];
  related: number[];
  "zh-CN": Texts;
  "en-US": Texts;
};
type Bank = {
  id: string;
  title: Label;
  description: Label;
  topics: Record<string, Label>;
  questions: BankQuestion[];
};
type SeedQuestion = Texts & { number: number };
type Seed = { title: string; intro: string; questions: SeedQuestion[] };

const BANK_URL = new URL("../../data/banks/ai-infra.json", import.meta.url);
const EXTRA_URL = new URL("../fixtures/banks/extra.json", import.meta.url);
// Full-width punctuation counts too: an English text with "，" was not really translated.
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

const readBank = (url: URL): Bank => JSON.parse(readFileSync(url, "utf8")) as Bank;

// Deliberately separate from the code that produced the bank, so a shared bug cannot hide itself.
const paragraphAfter = (block: string, marker: string): string => {
  const start = block.indexOf(marker);
  if (start < 0) return "";
  return (block.slice(start + marker.length).split(/\n\s*\n/)[0] ?? "").trim();
};

const parseSeed = (text: string): Seed => {
  // The title line, then the first paragraph after it.
  const header = /^## (.+)\n\s*\n([\s\S]*?)(?:\n\s*\n|$)/m.exec(text);
  const title = header?.[1]?.trim() ?? "";
  const intro = header?.[2]?.trim() ?? "";
  const blocks = text.split(/^### /m).slice(1);
  const questions = blocks.map((block) => {
    const heading = /^(\d+)\. (.+)$/m.exec(block);
    return {
      number: Number(heading?.[1]),
      question: heading?.[2]?.trim() ?? "",
      answer: paragraphAfter(block, "**答案：** "),
      explanation: paragraphAfter(block, "**解析：** "),
    };
  });
  return { title, intro, questions };
};

const fidelityMismatches = (bank: Bank, seed: Seed): string[] => {
  const found: string[] = [];
  if (bank.title["zh-CN"] !== seed.title) found.push("title");
  if (bank.description["zh-CN"] !== seed.intro) found.push("description");
  if (bank.questions.length !== seed.questions.length) found.push("question count");
  seed.questions.forEach((expected, index) => {
    const actual = bank.questions[index];
    if (actual?.number !== expected.number) found.push(`#${index + 1} number`);
    for (const field of ["question", "answer", "explanation"] as const) {
      if (actual?.["zh-CN"][field] !== expected[field]) found.push(`#${expected.number} ${field}`);
    }
  });
  return found;
};

// Swaps the closing full-width mark for an ASCII full stop: the slip a retyping would make.
const edit = (bank: Bank, number: number, field: keyof Texts): void => {
  const texts = bank.questions.find((q) => q.number === number)?.["zh-CN"];
  if (texts) texts[field] = `${texts[field].slice(0, -1)}.`;
};

const seedPath = process.env["DAILY_DRILL_SEED"];

describe.runIf(Boolean(seedPath))("ai-infra bank against its seed", () => {
  // vitest collects this body even when skipped, so a clone without the seed must not read it.
  const seed = parseSeed(seedPath ? readFileSync(seedPath, "utf8") : "");
  const bank = readBank(BANK_URL);

  test("GIVEN the seed THEN it has questions 1..30 in order, each with all three parts", () => {
    expect(seed.questions.map((q) => q.number)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    for (const q of seed.questions) expect([q.question, q.answer, q.explanation]).not.toContain("");
  });

  test("GIVEN the bank THEN its zh-CN title, description and texts equal the seed byte for byte", () => {
    expect(fidelityMismatches(bank, seed)).toEqual([]);
  });

  const mutations: [string, (copy: Bank) => void, string][] = [
    ["one answer character", (c) => edit(c, 17, "answer"), "#17 answer"],
    ["one question character", (c) => edit(c, 1, "question"), "#1 question"],
    ["one explanation character", (c) => edit(c, 30, "explanation"), "#30 explanation"],
    ["the title", (c) => (c.title["zh-CN"] += " "), "title"],
    [
      "the description",
      (c) => (c.description["zh-CN"] = c.description["zh-CN"].slice(1)),
      "description",
    ],
  ];
  test.each(mutations)(
    "GIVEN a copy with %s changed THEN the comparison reports it",
    (_, mutate, expected) => {
      const copy = structuredClone(bank);
      mutate(copy);
      expect(fidelityMismatches(copy, seed)).toEqual([expected]);
    },
  );

  test("GIVEN a copy with two questions swapped THEN the comparison reports the order", () => {
    const copy = structuredClone(bank);
    const [first, second] = copy.questions;
    if (first && second) copy.questions.splice(0, 2, second, first);
    expect(fidelityMismatches(copy, seed)).toContain("#1 number");
  });
});

describe.each([
  ["ai-infra", BANK_URL],
  ["extra fixture", EXTRA_URL],
])("%s bank structure", (_, url) => {
  const bank = readBank(url);
  const numbers = new Set(bank.questions.map((q) => q.number));

  test.each(bank.questions)(
    "GIVEN question $number THEN every en-US field is non-empty and has no CJK",
    (q) => {
      for (const text of Object.values(q["en-US"])) {
        expect(text.trim()).not.toBe("");
        expect(text).not.toMatch(CJK);
      }
    },
  );

  test("GIVEN the bank labels THEN their en-US texts have no CJK", () => {
    const labels = [bank.title, bank.description, ...Object.values(bank.topics)];
    for (const label of labels) expect(label["en-US"]).not.toMatch(CJK);
  });

  test("GIVEN the questions THEN their numbers are unique", () => {
    expect(numbers.size).toBe(bank.questions.length);
  });

  test.each(bank.questions)("GIVEN question $number THEN each of its topics is defined", (q) => {
    expect(q.topics.length).toBeGreaterThan(0);
    for (const topic of q.topics) expect(Object.keys(bank.topics)).toContain(topic);
  });

  test.each(bank.questions)(
    "GIVEN question $number THEN its related links exist and point back",
    (q) => {
      for (const other of q.related) {
        expect(other).not.toBe(q.number);
        expect(numbers.has(other)).toBe(true);
        expect(bank.questions.find((o) => o.number === other)?.related).toContain(q.number);
      }
    },
  );
});

describe("ai-infra near-duplicates", () => {
  const bank = readBank(BANK_URL);
  // The daily rotation keeps linked questions apart; only these are near-duplicates.
  const expected = new Map<number, number[]>([
    [2, [29]],
    [29, [2]],
    [4, [24, 30]],
    [24, [4, 30]],
    [30, [4, 24]],
    [5, [8, 23]],
    [8, [5, 23]],
    [23, [5, 8]],
    [9, [25]],
    [25, [9]],
  ]);
  test.each(bank.questions)(
    "GIVEN question $number THEN it links exactly its near-duplicates",
    (q) => {
      expect(q.related).toEqual(expected.get(q.number) ?? []);
    },
  );
});
