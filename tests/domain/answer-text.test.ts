import { describe, expect, test } from "vitest";
import { analyse, findTerm, normalizeText } from "../../src/domain/answer-text.js";

describe("normalizeText reads every way of writing the same words alike", () => {
  test.each([
    { given: "Traditional characters", text: "張量並行與顯存", expected: "张量并行与显存" },
    { given: "Taiwan wording", text: "記憶體與軟體", expected: "内存与软件" },
    {
      given: "full-width letters, digits and punctuation",
      text: "ＧＰＵ，Ｆ１！",
      expected: "gpu,f1!",
    },
    { given: "an ideographic space", text: "数据　并行", expected: "数据 并行" },
    { given: "Simplified text, left as it is", text: "资料头发后面", expected: "资料头发后面" },
    { given: "a curly apostrophe", text: "doesn’t", expected: "doesn't" },
  ])("GIVEN $given THEN it reads $expected", ({ text, expected }) => {
    expect(normalizeText(text)).toBe(expected);
  });
});

const keys = (text: string) => analyse(text).map((unit) => unit.key);
const cues = (text: string) =>
  analyse(text)
    .filter((unit) => unit.cue)
    .map((unit) => unit.key);

describe("analyse", () => {
  test.each([
    {
      given: "plurals and inflections",
      text: "GPUs trained nodes",
      expected: ["gpu", "train", "node"],
    },
    { given: "a mixed sentence", text: "用NCCL同步", expected: ["用", "nccl", "同", "步"] },
    {
      given: "adverbs beside their adjectives",
      text: "stably stable easily easy quickly quick only apply",
      expected: ["stabl", "stabl", "easi", "easi", "quick", "quick", "onli", "appli"],
    },
    { given: "a hyphenated word", text: "cross-validation", expected: ["cross", "valid"] },
  ])("GIVEN $given THEN the units are $expected", ({ text, expected }) => {
    expect(keys(text)).toEqual(expected);
  });

  test.each([
    { given: "不 as a word", text: "不需要显存", expected: ["不", "需", "要"] },
    { given: "不同, 不断, 不仅, 无论, 未来", text: "不同不断不仅无论未来", expected: [] },
    { given: "并不能", text: "并不能加速", expected: ["不", "能"] },
    {
      given: "an adverb joined to the negation",
      text: "也不会增加，而不是",
      expected: ["也", "不", "会", "而", "不", "是"],
    },
    {
      given: "English contractions",
      text: "It doesn't, it can't, it cannot",
      expected: ["doesnt", "cant", "cannot"],
    },
    { given: "'not only'", text: "not only fast", expected: [] },
  ])("GIVEN $given THEN the negations are $expected", ({ text, expected }) => {
    expect(cues(text)).toEqual(expected);
  });
});

describe("findTerm", () => {
  test.each([
    { given: "显存 written whole", text: "显存不够", term: "显存", found: 1 },
    { given: "显 and 存 apart", text: "显卡的存储", term: "显存", found: 0 },
    {
      given: "a Traditional term in a Simplified answer",
      text: "显存不够",
      term: "顯存",
      found: 1,
    },
    {
      given: "a plural term in a singular answer",
      text: "one neural network",
      term: "neural networks",
      found: 1,
    },
    {
      given: "a term across a clause end",
      text: "neural. network",
      term: "neural network",
      found: 0,
    },
    {
      given: "a term inside a longer English word",
      text: "a networked system",
      term: "net",
      found: 0,
    },
  ])("GIVEN $given THEN it is found $found times", ({ text, term, found }) => {
    expect(findTerm(analyse(text), term)).toHaveLength(found);
  });
});
