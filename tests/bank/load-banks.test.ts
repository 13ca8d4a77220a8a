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
