import { describe, expect, test } from "vitest";
import { gradeAnswer, type KeyPoint } from "../../src/domain/answer-feedback.js";

/*
 * Three ways to stuff an answer with a point's terms without asserting the point, and the
 * paraphrases that must still be credited. The key points are written here, with no opposites
 * listed: the direction of a claim comes from its own terms and the matcher's lexicon.
 */

const point = (id: string, terms: string[][]): KeyPoint => ({
  id,
  label: { "zh-CN": id, "en-US": id },
  terms,
});

// A claim-shaped question: hardware that speeds training up and brings its cost down.
const ACCELERATION: KeyPoint[] = [
  point("accelerator", [["GPU", "加速卡", "accelerator", "accelerators"]]),
  point("faster-training", [
    ["训练", "train", "training"],
    ["加速", "加快", "更快", "faster", "speed up", "speeds up", "accelerate", "accelerates"],
  ]),
  point("lower-cost", [
    ["成本", "费用", "cost", "costs"],
    ["降低", "减少", "下降", "lower", "lowers", "reduce", "reduces", "cut", "cuts"],
  ]),
];

// A list-shaped question: which metrics? Each point is one item, not a claim.
const METRICS: KeyPoint[] = [
  point("precision", [["精确率", "precision"]]),
  point("recall", [["召回率", "recall"]]),
  point("f1", [["F1"]]),
  point("auc", [["AUC", "ROC"]]),
];

// A process-shaped question: the steps of a release.
const RELEASE: KeyPoint[] = [
  point("test-first", [
    ["测试", "test", "tests", "testing"],
    ["上线", "发布", "release", "ship"],
  ]),
  point("tune", [["调优", "优化", "tune", "tuning", "optimize", "optimizing"]]),
  point("containerize", [["容器", "镜像", "container", "containerizing", "image"]]),
  point("monitor", [["监控", "monitor", "monitoring"]]),
];

type Row = { given: string; text: string };
const good = (grade: string) => grade === "good" || grade === "easy";

describe("a bare list of terms asserts nothing: at most Hard", () => {
  test.each<Row>([
    {
      given: "English terms run together, no function word",
      text: "GPU accelerator clusters training faster speedup cost lower budget efficiency",
    },
    {
      given: "English phrases parted by commas, each with a word of its own",
      text: "GPU clusters, faster model training, lower cloud cost, big throughput gains",
    },
    { given: "Chinese terms run together without spaces", text: "GPU集群训练加速成本降低吞吐量大" },
    {
      given: "Chinese phrases parted by commas",
      text: "加速卡集群，模型训练加速，云上成本降低，吞吐翻倍",
    },
  ])("GIVEN $given THEN the grade is at most Hard", ({ text }) => {
    expect(good(gradeAnswer(text, ACCELERATION).grade)).toBe(false);
  });

  test.each<Row>([
    {
      given: "a terse English sentence",
      text: "A GPU speeds up training and cuts the cost.",
    },
    {
      given: "an English paraphrase with clauses",
      text: "With accelerators the model trains faster, so you pay lower costs for the same work.",
    },
    { given: "a terse Chinese sentence", text: "用GPU能加快训练，也把成本降低了。" },
    { given: "a Chinese paraphrase", text: "有了加速卡，模型训练会更快，花的成本也降低了。" },
  ])("GIVEN $given THEN it is still Good or Easy", ({ text }) => {
    expect(good(gradeAnswer(text, ACCELERATION).grade)).toBe(true);
  });

  test.each<Row>([
    { given: "the English list a list question asks for", text: "precision, recall, F1 and AUC" },
    { given: "the Chinese list a list question asks for", text: "精确率、召回率、F1、AUC" },
  ])("GIVEN $given THEN it is Good or Easy", ({ text }) => {
    expect(good(gradeAnswer(text, METRICS).grade)).toBe(true);
  });
});

describe("the opposite direction bound to a claim's terms refutes it", () => {
  test.each<Row & { refuted: string[] }>([
    {
      given: "训练被拖慢 and 成本上升 (a cost that goes up is worse)",
      text: "换成加速卡以后，训练被拖慢了，成本也上升了。",
      refuted: ["faster-training", "lower-cost"],
    },
    {
      given: "训练减慢 and 费用增加",
      text: "GPU 会减慢训练，费用增加。",
      refuted: ["faster-training", "lower-cost"],
    },
    {
      given: "training slows down and the cost goes higher",
      text: "With an accelerator, training slows down and the cost goes higher.",
      refuted: ["faster-training", "lower-cost"],
    },
    {
      given: "the cost increases",
      text: "A GPU makes training faster, but it increases the cost.",
      refuted: ["lower-cost"],
    },
  ])("GIVEN $given THEN the points are refuted", ({ text, refuted }) => {
    const feedback = gradeAnswer(text, ACCELERATION);
    expect(feedback.refuted).toEqual(expect.arrayContaining(refuted));
    expect(good(feedback.grade)).toBe(false);
  });

  test.each<Row>([
    {
      given: "a bad quantity going down (延迟降低) beside a faster claim",
      text: "GPU 能加快训练，延迟降低，成本也下降。",
    },
    {
      given: "latency that drops, said of faster training",
      text: "Accelerators speed up training, latency drops, and they lower the cost.",
    },
    {
      given: "a negation on the contrary word (不会拖慢)",
      text: "加速卡不会拖慢训练，反而让训练更快，成本降低。",
    },
    {
      given: "a negation on the contrary word (does not slow down)",
      text: "A GPU does not slow down training; it makes training faster and reduces cost.",
    },
    {
      given: "up or down of a quantity that is neither good nor bad",
      text: "The GPU speeds up training with fewer machines and lowers the cost.",
    },
  ])("GIVEN $given THEN nothing is refuted and the grade is Good or Easy", ({ text }) => {
    const feedback = gradeAnswer(text, ACCELERATION);
    expect(feedback.refuted).toEqual([]);
    expect(good(feedback.grade)).toBe(true);
  });
});

describe("a negated predicate denies its subject's part", () => {
  test.each<Row & { refuted: string[] }>([
    {
      given: "X or Y is never part of it",
      text: "Test it, then release it; tuning or containerizing is never part of the job, and monitoring is not needed.",
      refuted: ["tune", "containerize", "monitor"],
    },
    {
      given: "X isn't used",
      text: "You test before you release, but a container isn't used and monitoring doesn't matter.",
      refuted: ["containerize", "monitor"],
    },
    {
      given: "Chinese: X 根本不需要",
      text: "测试完就上线，调优和镜像根本不需要，监控也没有用。",
      refuted: ["tune", "containerize", "monitor"],
    },
  ])("GIVEN $given THEN the subject's points are refuted", ({ text, refuted }) => {
    const feedback = gradeAnswer(text, RELEASE);
    expect(feedback.refuted).toEqual(expect.arrayContaining(refuted));
    expect(good(feedback.grade)).toBe(false);
  });

  test.each<Row>([
    {
      given: "a negated predicate with an object of its own (doesn't need)",
      text: "You test before each release, tuning the model doesn't need a rewrite, a container image ships it, and monitoring watches it.",
    },
    {
      given: "a negated predicate after 'and' that opens a clause of its own",
      text: "Test before the release, package it in a container image, monitor it, tune the model and retraining is not needed.",
    },
    {
      given: "Chinese: the negation describes what follows, not the subject",
      text: "先测试再上线，调优模型，用容器镜像打包，上线后监控，不需要手工登录机器。",
    },
  ])("GIVEN $given THEN nothing is refuted", ({ text }) => {
    const feedback = gradeAnswer(text, RELEASE);
    expect(feedback.refuted).toEqual([]);
    expect(good(feedback.grade)).toBe(true);
  });
});
