import { beforeAll, describe, expect, test } from "vitest";
import type { Question } from "../../src/bank/schema.js";
import { answerFeedbackMessage, type GradedAnswer } from "../../src/discord/render-feedback.js";
import { findQuestion, type Catalogue } from "../../src/domain/catalogue.js";
import { loadBuiltInCatalogue } from "../helpers/catalogue.js";
import { checkEmbeds } from "../../emulator/embed-limits.js";

let catalogue: Catalogue;
let q9: Question;
beforeAll(async () => {
  catalogue = await loadBuiltInCatalogue();
  q9 = findQuestion(catalogue, 9)!;
});

const graded: GradedAnswer = {
  text: "准确率、召回率",
  covered: ["accuracy", "recall"],
  suggested: "hard",
  final: null,
};

describe("answer feedback", () => {
  test("GIVEN a Chinese reader THEN covered points get ✓, missed ones ✗ with their label, and the grade is in Chinese", () => {
    const { embeds, components } = answerFeedbackMessage(q9, graded.text, graded, "zh-CN");
    const fields = embeds[0]?.fields ?? [];
    expect(fields.map((f) => f.name)).toEqual(["你的答案", "要点", "建议评分", "参考答案", "解析"]);
    expect(fields[1]?.value.split("\n")).toEqual([
      "✓ 准确性（准确率）",
      "✓ 召回率",
      "✗ F1分数",
      "✗ AUC（曲线下面积）",
      "✗ 不同标准适用于不同场景，帮助选出最合适的模型",
    ]);
    expect(fields[2]?.value).toBe("困难");
    const buttons = components[0]?.components ?? [];
    expect(buttons.map((b) => ("label" in b ? b.label : ""))).toEqual([
      "重来",
      "困难",
      "良好",
      "简单",
    ]);
    expect(buttons.map((b) => ("custom_id" in b ? b.custom_id : ""))).toEqual([
      "question:grade:9-again",
      "question:grade:9-hard",
      "question:grade:9-good",
      "question:grade:9-easy",
    ]);
  });

  test("GIVEN the member chose a grade THEN it shows beside the suggestion and its button is the highlighted one", () => {
    const chosen = { ...graded, final: "good" as const };
    const { embeds, components } = answerFeedbackMessage(q9, graded.text, chosen, "en-US");
    expect(embeds[0]?.fields?.slice(2, 4)).toMatchObject([
      { name: "Suggested grade", value: "Hard" },
      { name: "Your grade", value: "Good" },
    ]);
    const styles = (components[0]?.components ?? []).map((b) => b.style);
    expect(styles).toEqual([2, 2, 1, 2]);
  });

  test("GIVEN a question without key points THEN the answer is shown beside the reference, saying it is not graded", () => {
    const bare: Question = { ...q9, keyPoints: undefined };
    delete bare.keyPoints;
    const { embeds, components } = answerFeedbackMessage(bare, "anything", null, "en-US");
    expect(embeds[0]?.fields?.map((f) => f.name)).toEqual([
      "Your answer",
      "Reference answer",
      "Explanation",
    ]);
    expect(embeds[0]?.footer?.text).toContain("no key points");
    expect(components).toEqual([]);
  });

  test("GIVEN the longest texts a bank allows THEN the embed keeps within Discord's limits", () => {
    const long = (n: number) => "长".repeat(n);
    const big: Question = {
      ...q9,
      "zh-CN": {
        ...q9["zh-CN"],
        question: long(4000),
        answer: long(2000),
        explanation: long(3000),
      },
      keyPoints: Array.from({ length: 6 }, (_, i) => ({
        id: `p${i}`,
        label: { "zh-CN": long(120), "en-US": "x" },
        terms: [["x"]],
      })),
    };
    const answer = { ...graded, text: long(1000), covered: ["p0"], final: "easy" as const };
    const embed = answerFeedbackMessage(big, answer.text, answer, "zh-CN").embeds[0]!;
    // Discord's embed limits as the emulator enforces them (each quoted there).
    expect(() => checkEmbeds([embed])).not.toThrow();
    expect(embed.fields?.map((f) => f.name)).toContain("解析");
  });
});
