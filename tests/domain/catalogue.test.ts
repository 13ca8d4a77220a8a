import { beforeAll, describe, expect, test } from "vitest";
import {
  findQuestion,
  pickRandom,
  questionsWithTopic,
  suggestQuestions,
  suggestTopics,
  type Catalogue,
} from "../../src/domain/catalogue.js";
import { loadBuiltInCatalogue } from "../helpers/catalogue.js";

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadBuiltInCatalogue();
});

describe("catalogue look-ups", () => {
  test("GIVEN a number THEN that question is found, and an unknown number finds nothing", () => {
    expect(findQuestion(catalogue, 23)?.["zh-CN"].question).toBe(
      "请描述AI基础设施中的模型可解释性技术。",
    );
    expect(findQuestion(catalogue, 31)).toBeUndefined();
  });

  test("GIVEN the explainability topic THEN 5, 8 and 23 are among its questions", () => {
    expect(questionsWithTopic(catalogue, "explainability").map((q) => q.number)).toEqual(
      expect.arrayContaining([5, 8, 23]),
    );
    expect(questionsWithTopic(catalogue, "no-such-topic")).toEqual([]);
  });

  test.each([
    [0, 0],
    [0.999, 2],
    [0.5, 1],
  ])("GIVEN random() = %s THEN item %s of three is picked", (value, index) => {
    expect(pickRandom(["a", "b", "c"], () => value)).toBe(["a", "b", "c"][index]);
  });

  test("GIVEN an empty pool THEN nothing is picked", () => {
    expect(pickRandom([], () => 0)).toBeUndefined();
  });
});

describe("autocomplete suggestions", () => {
  test("GIVEN no text typed THEN at most 25 choices show number and title in the member's language", () => {
    const zh = suggestQuestions(catalogue, "", "zh-CN");
    expect(zh).toHaveLength(25);
    expect(zh[0]).toEqual({ name: "1 · 什么是深度学习？它在AI基础设施中的作用是什么？", value: 1 });
    const en = suggestQuestions(catalogue, "", "en-US");
    expect(en[0]?.name).toMatch(/^1 · What is deep learning\?/);
  });

  test("GIVEN a number prefix THEN matching numbers come first", () => {
    expect(
      suggestQuestions(catalogue, "2", "en-US")
        .slice(0, 3)
        .map((c) => c.value),
    ).toEqual([2, 20, 21]);
  });

  test("GIVEN words from a question in either language THEN it is suggested", () => {
    expect(suggestQuestions(catalogue, "联邦", "en-US").map((c) => c.value)).toEqual([12]);
    expect(suggestQuestions(catalogue, "federated", "zh-CN").map((c) => c.value)).toEqual([12]);
  });

  test("GIVEN any question THEN every choice name fits Discord's 100-character limit", () => {
    for (const lang of ["en-US", "zh-CN"] as const) {
      for (const choice of suggestQuestions(catalogue, "", lang))
        expect(choice.name.length).toBeLessThanOrEqual(100);
    }
  });

  test("GIVEN a topic query THEN labels in the member's language come with a question count", () => {
    const choices = suggestTopics(catalogue, "explain", "zh-CN");
    expect(choices).toEqual([
      { name: expect.stringMatching(/^可解释性 \(\d+\)$/), value: "explainability" },
    ]);
  });
});
