import { describe, expect, test } from "vitest";
import { gradeAnswer } from "../../src/domain/answer-feedback.js";
import {
  DISTRIBUTED_TRAINING as Q7,
  FAIRNESS as Q16,
  MODEL_COMPRESSION as Q3,
} from "../helpers/sample-key-points.js";

/*
 * A key point whose claim is itself about averting something ("avoid bias": bias must not happen)
 * is read by the parity of the turns chained to the thing averted: negations and averting verbs,
 * whether or not the bank lists them (the sample's terms have neither "stop" nor 阻止). One turn
 * says the thing is averted; two cancel, and the answer says it happens.
 */

type Row = { given: string; text: string };

describe("a negative claim is made by one turn on the thing it averts", () => {
  test.each<Row>([
    { given: "an averting verb (prevents)", text: "It prevents discrimination." },
    { given: "an averting verb the bank does not list (stops)", text: "It stops discrimination." },
    { given: "a negation on the thing (carries no bias)", text: "The decisions carry no bias." },
    { given: "the passive (bias is avoided)", text: "Bias is avoided in every decision." },
    { given: "an averting verb with its aspect (避免了歧视)", text: "这样就避免了歧视。" },
    {
      given: "a negation on the verb that produces the thing (不会产生歧视)",
      text: "模型不会产生歧视。",
    },
    {
      given: "an averting verb reaching over its object (防止模型产生偏见)",
      text: "防止模型产生偏见。",
    },
    { given: "an averting verb the bank does not list (阻止)", text: "阻止偏见进入决策。" },
    { given: "the passive with 被 (歧视被消除了)", text: "歧视被消除了。" },
  ])("GIVEN $given THEN the point is covered", ({ text }) => {
    const feedback = gradeAnswer(text, Q16);
    expect(feedback.covered).toContain("avoid-bias");
    expect(feedback.refuted).toEqual([]);
  });
});

describe("a negative claim is refuted when two turns cancel", () => {
  test.each<Row>([
    {
      given: "a negation on an averting verb the bank does not list",
      text: "They cannot stop discrimination.",
    },
    { given: "'nothing' on the averting verb", text: "It does nothing to prevent bias." },
    { given: "a negation on the bank's averting verb", text: "It does not avoid bias." },
    { given: "the passive negated (cannot be avoided)", text: "Bias cannot be avoided." },
    {
      given: "a negation with an adverb between it and the verb",
      text: "It cannot really prevent discrimination.",
    },
    { given: "无法 on 避免", text: "无法避免歧视。" },
    { given: "the thing first (歧视无法避免)", text: "歧视无法避免。" },
    { given: "不能 on an averting verb the bank does not list (阻止)", text: "不能阻止偏见。" },
    { given: "one word the segmenter keeps whole (不可避免)", text: "偏见是不可避免的。" },
    { given: "没能 on 防止", text: "没能防止偏见。" },
    { given: "the potential complement (避免不了)", text: "避免不了歧视。" },
  ])("GIVEN $given THEN the point is refuted", ({ text }) => {
    const feedback = gradeAnswer(text, Q16);
    expect(feedback).toMatchObject({ covered: [], refuted: ["avoid-bias"], grade: "again" });
  });
});

describe("a negative claim's thing without a turn is only named", () => {
  test.each<Row>([
    {
      given: "an English answer that says the model discriminates",
      text: "The model produces discrimination.",
    },
    { given: "a Chinese answer naming the cause of bias", text: "数据偏差会让模型产生歧视。" },
  ])("GIVEN $given THEN the point is neither covered nor refuted", ({ text }) => {
    expect(gradeAnswer(text, Q16)).toMatchObject({ covered: [], refuted: [], grade: "again" });
  });
});

describe("the other points named beside a refuted averting claim do not earn Good", () => {
  test.each<Row & { covered: string[] }>([
    {
      given: "the techniques named, then the claim denied, in English",
      text: "Clean the data and detect bias; none of it can stop discrimination.",
      covered: ["clean-the-data", "detect-bias"],
    },
    {
      given: "the techniques named, then the claim denied, in Chinese",
      text: "清洗数据、检测偏见，但这些都无法阻止模型产生歧视。",
      covered: ["clean-the-data", "detect-bias"],
    },
  ])("GIVEN $given THEN it is Hard", ({ text, covered }) => {
    expect(gradeAnswer(text, Q16)).toMatchObject({
      covered,
      refuted: ["avoid-bias"],
      grade: "hard",
    });
  });
});

describe("a narrow Chinese negation before 的 describes the noun after it", () => {
  test.each<Row & { covered: string[]; refuted: string[] }>([
    {
      given: "不重要的参数 (unimportant parameters) beside the claim",
      text: "剪枝去掉不重要的参数，减少参数量。",
      covered: ["fewer-parameters", "techniques"],
      refuted: [],
    },
    {
      given: "a negation on the claim's verb before 的",
      text: "剪枝不会减少模型的参数。",
      covered: [],
      refuted: ["fewer-parameters", "techniques"],
    },
    {
      given: "不是 … 的方法, which denies the whole rest of the clause",
      text: "剪枝不是一种减少模型参数的方法。",
      covered: [],
      refuted: ["fewer-parameters", "techniques"],
    },
  ])("GIVEN $given THEN it covers $covered and refutes $refuted", ({ text, covered, refuted }) => {
    expect(gradeAnswer(text, Q3)).toMatchObject({ covered, refuted });
  });
});

describe("a negated condition and its consequence argue that one is needed for the other", () => {
  test.each<Row & { covered: string[]; refuted: string[] }>([
    {
      given: "if not A, then not B, in English",
      text: "If the job is not split across several nodes, training does not get faster.",
      covered: ["multiple-nodes", "faster-training"],
      refuted: [],
    },
    {
      given: "如果不 A，就不会 B",
      text: "如果不把任务分到多个节点上，训练就不会加快。",
      covered: ["multiple-nodes", "faster-training"],
      refuted: [],
    },
    {
      given: "a condition that is not negated, then a denial, in English",
      text: "If you split the job across several nodes, training does not get faster.",
      covered: ["multiple-nodes"],
      refuted: ["faster-training"],
    },
    {
      given: "如果 A，也不会 B",
      text: "如果把任务分到多个节点上，训练也不会加快。",
      covered: ["multiple-nodes"],
      refuted: ["faster-training"],
    },
  ])("GIVEN $given THEN it covers $covered and refutes $refuted", ({ text, covered, refuted }) => {
    expect(gradeAnswer(text, Q7)).toMatchObject({ covered, refuted });
  });
});
