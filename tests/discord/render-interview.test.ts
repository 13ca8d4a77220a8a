import { beforeAll, describe, expect, test } from "vitest";
import type { Question } from "../../src/bank/schema.js";
import {
  interviewAnswerModal,
  interviewQuestionMessage,
  interviewRowsOf,
  nextQuestionRow,
  scorecardEmbed,
  withInterviewRows,
} from "../../src/discord/render-interview.js";
import { answerModal } from "../../src/discord/render-question.js";
import { gradeButtons } from "../../src/discord/render-feedback.js";
import { findQuestion, type Catalogue } from "../../src/domain/catalogue.js";
import { scorecard } from "../../src/domain/interview.js";
import { loadBuiltInCatalogue } from "../helpers/catalogue.js";
import { checkEmbeds } from "../../emulator/embed-limits.js";

let catalogue: Catalogue;
let q9: Question;
beforeAll(async () => {
  catalogue = await loadBuiltInCatalogue();
  q9 = findQuestion(catalogue, 9)!;
});

const pointsOf = (number: number) => findQuestion(catalogue, number)?.keyPoints?.length ?? 0;

describe("an interview step", () => {
  test.each([
    [
      "en-US",
      "**Mock interview**: 3 questions, the ones you recall least first. Answer each in your own words; only you see this run.",
      "Mock interview · question 1 of 3",
    ],
    [
      "zh-CN",
      "**模拟面试**：共 3 题，先考你记得最不牢的。请用自己的话逐题作答；只有你能看到这次面试。",
      "模拟面试 · 第 1 题，共 3 题",
    ],
  ] as const)(
    "GIVEN the first step in %s THEN the intro, the question, the step and one Answer button carrying the run",
    (lang, intro, footer) => {
      const run = { questions: [9, 4, 2], covered: [] };
      const message = interviewQuestionMessage(q9, run, catalogue, lang, 3);
      expect(message.content).toBe(intro);
      expect(message.embeds[0]?.description).toBe(q9[lang].question);
      expect(message.embeds[0]?.footer?.text).toBe(footer);
      expect(message.components).toHaveLength(1);
      expect(message.components[0]?.components).toMatchObject([
        { custom_id: "question:interview-answer:9_4_2-" },
      ]);
    },
  );

  test("GIVEN a topic with fewer questions than asked THEN the intro says so; a later step has no intro", () => {
    const run = { questions: [9, 4], covered: [] };
    const first = interviewQuestionMessage(q9, run, catalogue, "en-US", 5);
    expect(first.content?.split("\n")[1]).toBe(
      "You asked for 5: that is every question on this topic.",
    );
    const later = interviewQuestionMessage(
      q9,
      { questions: [4, 9], covered: [2] },
      catalogue,
      "en-US",
    );
    expect(later.content).toBeUndefined();
    expect(later.embeds[0]?.footer?.text).toBe("Mock interview · question 2 of 2");
  });

  test("GIVEN a step THEN its modal is the usual Answer modal, submitted to the interview", () => {
    const run = { questions: [4, 9, 2], covered: [3] };
    const modal = interviewAnswerModal(q9, run, "zh-CN");
    expect(modal).toEqual({
      ...answerModal(q9, "zh-CN"),
      custom_id: "question:interview-submit:4_9_2-3",
    });
  });

  test("GIVEN a grade correction redraws the feedback THEN the Next button stays and nothing else is kept", () => {
    const run = { questions: [4, 9, 2], covered: [3, 2] };
    const graded = { text: "x", covered: [], suggested: "again" as const, final: null };
    const previous = [gradeButtons(q9, graded, "en-US"), nextQuestionRow(run, "en-US")];
    expect(interviewRowsOf(previous)).toEqual([nextQuestionRow(run, "en-US")]);
    const redrawn = withInterviewRows(
      { components: [gradeButtons(q9, graded, "en-US")] },
      previous,
    );
    expect(
      redrawn.components.map((row) => row.components.map((b) => ("label" in b ? b.label : null))),
    ).toEqual([["Again", "Hard", "Good", "Easy"], ["Next question"]]);
    expect(interviewRowsOf([gradeButtons(q9, graded, "en-US")])).toEqual([]);
  });
});

describe("the scorecard", () => {
  test("GIVEN an English reader THEN each question's points, the total and what to review", () => {
    const card = scorecard({ questions: [9, 4, 2], covered: [5, 1, 0] }, pointsOf);
    const embed = scorecardEmbed(card, catalogue, "en-US");
    expect(embed.title).toBe("Mock interview: your scorecard");
    expect(embed.description?.split("\n")).toEqual([
      "✓ Question 9: 5/5 key points",
      "✗ Question 4: 1/5 key points",
      "✗ Question 2: 0/5 key points",
    ]);
    expect(embed.fields).toEqual([
      { name: "Total", value: "6/15 key points (40%)" },
      {
        name: "To review",
        value: [
          "#4 · In AI infrastructure, how are data privacy and security issues handled?",
          "#2 · What steps does data preprocessing in AI infrastructure usually include?",
        ].join("\n"),
      },
    ]);
    expect(embed.footer?.text).toMatch(/^Practise one again with \/question ask number:<number>/);
  });

  test("GIVEN a Chinese reader with every point covered THEN nothing to review, in Chinese", () => {
    const card = scorecard({ questions: [9, 4, 2], covered: [5, 5, 5] }, pointsOf);
    const embed = scorecardEmbed(card, catalogue, "zh-CN");
    expect(embed.title).toBe("模拟面试：你的成绩单");
    expect(embed.description?.split("\n")[0]).toBe("✓ 第 9 题：答到 5/5 个要点");
    expect(embed.fields).toEqual([
      { name: "合计", value: "答到 15/15 个要点（100%）" },
      { name: "需要复习", value: "没有：所有要点都答到了。" },
    ]);
  });

  test("GIVEN ten missed questions with the longest texts THEN the scorecard is within Discord's embed limits", () => {
    const longest = [...catalogue.questions]
      .sort((a, b) => b["zh-CN"].question.length - a["zh-CN"].question.length)
      .slice(0, 10)
      .map((q) => q.number);
    for (const lang of ["zh-CN", "en-US"] as const) {
      const card = scorecard({ questions: longest, covered: longest.map(() => 0) }, pointsOf);
      const embed = scorecardEmbed(card, catalogue, lang);
      expect(() => checkEmbeds([embed])).not.toThrow();
      expect(embed.fields?.[1]?.value.split("\n")).toHaveLength(10);
    }
  });
});
