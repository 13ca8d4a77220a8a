import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { BankError, loadBanks } from "../../src/bank/load-banks.js";
import { DEFAULT_BANK_DIR } from "../../src/paths.js";

const fixture = (name: string) => join(import.meta.dirname, "..", "fixtures", "banks", name);

async function failureOf(paths: string[]): Promise<string> {
  const error = await loadBanks(paths).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(BankError);
  return (error as Error).message;
}

describe("loadBanks", () => {
  test("GIVEN the built-in folder THEN all 30 questions load in the seed's order", async () => {
    const catalogue = await loadBanks([DEFAULT_BANK_DIR]);
    expect(catalogue.questions.map((q) => q.number)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    expect(catalogue.banks).toEqual([
      expect.objectContaining({ id: "ai-infra", source: "000_472cf91ad7745c47.txt" }),
    ]);
    expect(catalogue.topics.size).toBeGreaterThan(5);
  });

  test("GIVEN BANK_PATH names a second bank THEN its questions join the catalogue", async () => {
    const catalogue = await loadBanks([DEFAULT_BANK_DIR, fixture("extra.json")]);
    expect(catalogue.questions).toHaveLength(33);
    expect(catalogue.questions.at(-1)).toMatchObject({ number: 103, bank: "sre-basics" });
    expect(catalogue.banks.map((b) => b.id)).toEqual(["ai-infra", "sre-basics"]);
  });

  test("GIVEN a folder THEN every .json file in it is a bank", async () => {
    const dir = await mkdtemp(join(tmpdir(), "banks-"));
    const { readFile } = await import("node:fs/promises");
    await writeFile(join(dir, "extra.json"), await readFile(fixture("extra.json")));
    await writeFile(join(dir, "notes.txt"), "not a bank");
    const catalogue = await loadBanks([dir]);
    expect(catalogue.questions.map((q) => q.number)).toEqual([101, 102, 103]);
  });

  test.each([
    [
      "broken-missing-answer.json",
      /broken-missing-answer\.json is invalid: question 2, field "zh-CN\.answer": is required/,
    ],
    [
      "broken-duplicate-number.json",
      /broken-duplicate-number\.json is invalid: question 2, field "number": 2 is used twice/,
    ],
    [
      "broken-unknown-topic.json",
      /broken-unknown-topic\.json is invalid: question 2, field "topics\.\d": "chaos-engineering" is not defined/,
    ],
    ["broken-not-json.json", /broken-not-json\.json is not valid JSON/],
    [
      "broken-key-point.json",
      /broken-key-point\.json is invalid: question 102, field "keyPoints\.0\.terms\.1": needs at least one term/,
    ],
  ])(
    "GIVEN %s THEN one message names the file, the question and the field",
    async (name, message) => {
      const text = await failureOf([fixture(name)]);
      expect(text).toMatch(message);
      expect(text).not.toContain("\n");
    },
  );

  test("GIVEN two banks using the same numbers THEN the clash is named with a way out", async () => {
    const dir = await mkdtemp(join(tmpdir(), "banks-"));
    const { readFile } = await import("node:fs/promises");
    const extra = JSON.parse(await readFile(fixture("extra.json"), "utf8")) as {
      id: string;
      questions: { number: number }[];
    };
    extra.id = "clash";
    extra.questions.forEach((q, i) => (q.number = i + 1));
    extra.questions.forEach((q) => Object.assign(q, { related: [] }));
    await writeFile(join(dir, "clash.json"), JSON.stringify(extra));
    expect(await failureOf([DEFAULT_BANK_DIR, dir])).toMatch(
      /question 1 of bank "clash" has the same number as one in bank "ai-infra"; numbers must be unique across banks/,
    );
  });

  test("GIVEN the same file named twice THEN it loads once", async () => {
    const catalogue = await loadBanks([DEFAULT_BANK_DIR, join(DEFAULT_BANK_DIR, "ai-infra.json")]);
    expect(catalogue.questions).toHaveLength(30);
  });

  test("GIVEN a path that does not exist THEN BANK_PATH is named", async () => {
    expect(await failureOf(["/nonexistent/banks"])).toMatch(
      /\/nonexistent\/banks does not exist: check BANK_PATH/,
    );
  });
});

/** extra.json with `keyPoints` set on question 102 only, written to a fresh folder. */
async function extraWithKeyPoints(keyPoints: unknown): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  const bank = JSON.parse(await readFile(fixture("extra.json"), "utf8")) as {
    questions: { number: number; keyPoints?: unknown }[];
  };
  const target = bank.questions.find((q) => q.number === 102);
  if (target) target.keyPoints = keyPoints;
  const dir = await mkdtemp(join(tmpdir(), "banks-"));
  await writeFile(join(dir, "extra.json"), JSON.stringify(bank));
  return dir;
}

const budget = {
  id: "budget-is-allowed-unreliability",
  label: {
    "zh-CN": "错误预算是 SLO 允许的不可靠程度",
    "en-US": "An error budget is the unreliability an SLO allows",
  },
  terms: [
    ["错误预算", "error budget"],
    ["不可靠", "unreliability"],
  ],
};
const spent = {
  id: "spent-budget-means-reliability-work",
  label: { "zh-CN": "预算耗尽时优先稳定性工作", "en-US": "A spent budget puts reliability first" },
  terms: [
    ["耗尽", "spent"],
    ["稳定性", "reliability"],
  ],
  opposites: ["新功能", "features"],
};

describe("key points", () => {
  test("GIVEN key points on one question only THEN the bank loads and keeps them", async () => {
    const catalogue = await loadBanks([await extraWithKeyPoints([budget, spent])]);
    expect(catalogue.questions.find((q) => q.number === 102)?.keyPoints).toEqual([budget, spent]);
    expect(catalogue.questions.find((q) => q.number === 101)).not.toHaveProperty("keyPoints");
  });

  const broken: [string, unknown, RegExp][] = [
    ["an empty list", [], /"keyPoints": is empty: list at least one key point or leave/],
    [
      "seven points",
      Array.from({ length: 7 }, (_, i) => ({ ...budget, id: `point-${i}` })),
      /"keyPoints": has more than 6 key points/,
    ],
    [
      "an id that is not kebab-case",
      [{ ...budget, id: "Error Budget" }],
      /"keyPoints\.0\.id": must be kebab-case/,
    ],
    [
      "an id used twice",
      [budget, { ...spent, id: budget.id }],
      /"keyPoints\.1\.id": "budget-is-allowed-unreliability" is used twice in this question/,
    ],
    [
      "no en-US label",
      [{ ...budget, label: { "zh-CN": budget.label["zh-CN"] } }],
      /"keyPoints\.0\.label\.en-US": is required \(a string\)/,
    ],
    [
      "no label at all",
      [{ id: budget.id, terms: budget.terms }],
      /"keyPoints\.0\.label": is required \(an object with "zh-CN" and "en-US"\)/,
    ],
    [
      "a blank zh-CN label",
      [{ ...budget, label: { ...budget.label, "zh-CN": "  " } }],
      /"keyPoints\.0\.label\.zh-CN": is empty/,
    ],
    ["no terms", [{ ...budget, terms: [] }], /"keyPoints\.0\.terms": needs at least one group/],
    [
      "terms that are not groups",
      [{ ...budget, terms: undefined }],
      /"keyPoints\.0\.terms": is required \(a list of groups of terms\)/,
    ],
    [
      "a blank term",
      [{ ...budget, terms: [["错误预算", " "]] }],
      /"keyPoints\.0\.terms\.0\.1": is empty/,
    ],
    ["a blank opposite", [{ ...spent, opposites: [""] }], /"keyPoints\.0\.opposites\.0": is empty/],
  ];
  test.each(broken)(
    "GIVEN %s THEN one line names the file, question 102 and the field",
    async (_, keyPoints, message) => {
      const text = await failureOf([await extraWithKeyPoints(keyPoints)]);
      expect(text).toMatch(/extra\.json is invalid: question 102, field /);
      expect(text).toMatch(message);
      expect(text).not.toContain("\n");
    },
  );
});
