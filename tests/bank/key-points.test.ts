import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { bankSchema, type BankFile, type KeyPoint } from "../../src/bank/schema.js";

type BankQuestion = BankFile["questions"][number];

const BANK_URL = new URL("../../data/banks/ai-infra.json", import.meta.url);
const bank = bankSchema.parse(JSON.parse(readFileSync(BANK_URL, "utf8")));

/*
 * Deliberately plainer than the matcher's normalisation (no segmentation, no Traditional to
 * Simplified, no inflections): a term counts as supported only if it is literally in the text.
 */
const normalise = (text: string): string =>
  text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ")
    .toLowerCase();

const referenceOf = (q: BankQuestion): string =>
  normalise(
    [q["zh-CN"].answer, q["zh-CN"].explanation, q["en-US"].answer, q["en-US"].explanation].join(
      "\n",
    ),
  );
const questionTextOf = (q: BankQuestion): string =>
  normalise([q["zh-CN"].question, q["en-US"].question].join("\n"));

const WORD_CHAR = /[a-z0-9]/;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Chinese terms are substrings; Latin ones whole words ("roc" is not in "process"), plural allowed. */
const occursIn = (text: string, term: string): boolean => {
  const wanted = normalise(term).trim();
  if (!WORD_CHAR.test(wanted)) return text.includes(wanted);
  const start = WORD_CHAR.test(wanted.charAt(0)) ? "(?<![a-z0-9])" : "";
  const end = WORD_CHAR.test(wanted.charAt(wanted.length - 1)) ? "(?:s|es)?(?![a-z0-9])" : "";
  return new RegExp(`${start}${escapeRegExp(wanted)}${end}`, "u").test(text);
};

const groupFoundIn = (text: string, group: readonly string[]): boolean =>
  group.some((term) => occursIn(text, term));

/** The groups of a question's key points of which no term occurs in its answer or explanation. */
const unsupportedGroups = (q: BankQuestion): string[] => {
  const reference = referenceOf(q);
  return (q.keyPoints ?? []).flatMap((point) =>
    point.terms.flatMap((group, g) =>
      groupFoundIn(reference, group) ? [] : [`#${q.number} ${point.id} group ${g + 1}`],
    ),
  );
};

const HAN = /\p{Script=Han}/u;
const LATIN = /[a-z]/i;
const ABBREVIATION = /^[A-Z0-9][A-Z0-9-]*$/;

describe("ai-infra key points", () => {
  test.each(bank.questions)("GIVEN question $number THEN it has 3 to 6 key points", (q) => {
    expect(q.keyPoints?.length).toBeGreaterThanOrEqual(3);
    expect(q.keyPoints?.length).toBeLessThanOrEqual(6);
  });

  test("GIVEN every key point THEN each of its term groups occurs in the question's reference text", () => {
    expect(bank.questions.flatMap(unsupportedGroups)).toEqual([]);
  });

  test("GIVEN every key point THEN its en-US label has no CJK and each group serves both languages", () => {
    const problems = bank.questions.flatMap((q) =>
      (q.keyPoints ?? []).flatMap((point) => [
        ...(HAN.test(point.label["en-US"]) ? [`#${q.number} ${point.id} en-US label`] : []),
        ...point.terms.flatMap((group, g) => {
          const english = group.some((term) => LATIN.test(term) && !HAN.test(term));
          const chinese = group.some((term) => HAN.test(term) || ABBREVIATION.test(term));
          return english && chinese ? [] : [`#${q.number} ${point.id} group ${g + 1}`];
        }),
      ]),
    );
    expect(problems).toEqual([]);
  });

  // A member who only restates the question has made none of the answer's claims.
  test("GIVEN the question restated THEN no key point has all its groups in it", () => {
    const restated = bank.questions.flatMap((q) =>
      (q.keyPoints ?? [])
        .filter((point) => point.terms.every((group) => groupFoundIn(questionTextOf(q), group)))
        .map((point) => `#${q.number} ${point.id}`),
    );
    expect(restated).toEqual([]);
  });

  const madeUp: [string, number, KeyPoint, string[]][] = [
    [
      "a claim the seed never makes",
      6,
      {
        id: "quantum-acceleration",
        label: { "zh-CN": "用量子计算机加速", "en-US": "Uses quantum computers" },
        terms: [["量子", "quantum"]],
      },
      ["#6 quantum-acceleration group 1"],
    ],
    [
      "a second group the reference does not support",
      7,
      {
        id: "parameter-server",
        label: { "zh-CN": "通过参数服务器同步梯度", "en-US": "A parameter server syncs gradients" },
        terms: [
          ["节点", "node"],
          ["参数服务器", "parameter server", "梯度", "gradient"],
        ],
      },
      ["#7 parameter-server group 2"],
    ],
    [
      "a term only in a Traditional form the text does not use",
      12,
      {
        id: "privacy-traditional",
        label: { "zh-CN": "保护隐私", "en-US": "Protects privacy" },
        terms: [["隱私"]],
      },
      ["#12 privacy-traditional group 1"],
    ],
  ];
  test.each(madeUp)("GIVEN a copy with %s THEN the check names it", (_, number, point, found) => {
    const copy = structuredClone(bank.questions.find((q) => q.number === number));
    if (!copy) throw new Error(`question ${number} is missing`);
    copy.keyPoints = [...(copy.keyPoints ?? []), point];
    expect(unsupportedGroups(copy)).toEqual(found);
  });

  test.each([
    ["full-width letters", "ＧＰＵ", "使用ＧＰＵ加速", true],
    ["capitals and a plural", "GPU", "such as gpus and tpus", true],
    ["an ideographic space", "area under the curve", "area\u3000under the curve", true],
    ["a Latin term inside a longer word", "ROC", "the decision process", false],
    ["an abbreviation inside a word", "NPU", "the input data", false],
    ["a Chinese term inside a longer one", "隐私", "差分隐私", true],
  ])("GIVEN %s THEN occursIn(%j, %j) is %s", (_, term, text, expected) => {
    expect(occursIn(normalise(text), term)).toBe(expected);
  });
});
