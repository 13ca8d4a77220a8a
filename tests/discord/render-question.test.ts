import { beforeAll, describe, expect, test } from "vitest";
import type { Question } from "../../src/bank/schema.js";
import {
  answerModal,
  answerResultEmbed,
  questionMessage,
  revealEmbed,
} from "../../src/discord/render-question.js";
import { findQuestion, type Catalogue } from "../../src/domain/catalogue.js";
import { parseCustomId } from "../../src/domain/custom-id.js";
import { loadBuiltInCatalogue } from "../helpers/catalogue.js";

let catalogue: Catalogue;
let q5: Question;
beforeAll(async () => {
  catalogue = await loadBuiltInCatalogue();
  q5 = findQuestion(catalogue, 5)!;
});

describe("question message", () => {
  test("GIVEN a Chinese reader THEN the embed shows the number, the question and topic labels in Chinese", () => {
    const { embeds } = questionMessage(q5, catalogue, "zh-CN");
    expect(embeds[0]).toMatchObject({
      title: "第 5 题",
      description: "请解释AI基础设施中的模型解释性是什么？",
      fields: [{ name: "主题", value: expect.stringContaining("可解释性") }],
    });
  });

  test("GIVEN an English reader THEN the English text is shown", () => {
    const { embeds } = questionMessage(q5, catalogue, "en-US");
    expect(embeds[0]?.title).toBe("Question 5");
    expect(embeds[0]?.description).toBe(q5["en-US"].question);
    expect(embeds[0]?.fields?.[0]?.value).toContain("Explainability");
  });

  test("GIVEN any question THEN Answer and Reveal buttons carry parseable ids for it", () => {
    const { components } = questionMessage(q5, catalogue, "en-US");
    const buttons = components[0]!.components;
    expect(buttons.map((b) => ("label" in b ? b.label : undefined))).toEqual(["Answer", "Reveal"]);
    expect(buttons.map((b) => parseCustomId("custom_id" in b ? b.custom_id : ""))).toEqual([
      { command: "question", action: "answer", arg: "5" },
      { command: "question", action: "reveal", arg: "5" },
    ]);
  });
});

describe("reveal, modal and result", () => {
  test("GIVEN reveal THEN the reference answer and explanation are the bank's text", () => {
    expect(revealEmbed(q5, "zh-CN").fields).toEqual([
      { name: "参考答案", value: q5["zh-CN"].answer },
      { name: "解析", value: q5["zh-CN"].explanation },
    ]);
  });

  test("GIVEN the answer modal THEN it has one required, length-limited paragraph field", () => {
    const modal = answerModal(q5, "en-US");
    expect(modal.custom_id).toBe("question:submit:5");
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(modal.components[0]).toMatchObject({
      components: [
        { custom_id: "answer", style: 2, required: true, min_length: 1, max_length: 1000 },
      ],
    });
  });

  test("GIVEN a submitted answer THEN it is shown beside the reference and the explanation", () => {
    const embed = answerResultEmbed(q5, "透明、可理解", "zh-CN");
    expect(embed.fields?.map((f) => f.name)).toEqual(["你的答案", "参考答案", "解析"]);
    expect(embed.fields?.[0]?.value).toBe("透明、可理解");
  });

  test("GIVEN every question in both languages THEN every embed stays within Discord's limits", () => {
    for (const question of catalogue.questions) {
      for (const lang of ["en-US", "zh-CN"] as const) {
        for (const embed of [
          questionMessage(question, catalogue, lang).embeds[0]!,
          revealEmbed(question, lang),
          answerResultEmbed(question, "x".repeat(1000), lang),
        ]) {
          expect(embed.title!.length).toBeLessThanOrEqual(256);
          expect(embed.description!.length).toBeLessThanOrEqual(4096);
          for (const field of embed.fields ?? [])
            expect(field.value.length).toBeLessThanOrEqual(1024);
        }
      }
    }
  });
});
