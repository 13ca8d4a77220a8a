import { describe, expect, test } from "vitest";
import { gradeAnswer } from "../../src/domain/answer-feedback.js";
import type { Grade, KeyPoint } from "../../src/domain/answer-feedback.js";
import {
  DISTRIBUTED_TRAINING as Q7,
  EDGE_COMPUTING as Q13,
  FAIRNESS as Q16,
  FEDERATED_LEARNING as Q12,
  MODEL_COMPRESSION as Q3,
} from "../helpers/sample-key-points.js";

type Row = { given: string; points: KeyPoint[]; text: string; covered: string[]; grade: Grade };

const ALL_Q7 = ["multiple-nodes", "faster-training", "less-load-per-device"];
const ALL_Q3 = ["fewer-parameters", "keeps-performance", "techniques", "constrained-devices"];
const ALL_Q12 = ["data-not-shared", "joint-training", "better-privacy"];
const ALL_Q13 = ["near-the-source", "lower-latency", "less-network-load"];
const ALL_Q16 = ["clean-the-data", "detect-bias", "avoid-bias"];

describe("a paraphrase is recognised through the terms' synonyms", () => {
  test.each<Row>([
    {
      given: "a Chinese paraphrase in other words than the reference",
      points: Q7,
      text: "把训练任务拆开，放到一个集群里的很多台机器上同时跑，这样训练更快，也减轻了单台设备的压力。",
      covered: ALL_Q7,
      grade: "easy",
    },
    {
      given: "an English paraphrase with plurals and inflections",
      points: Q7,
      text: "The work is spread over many machines, so the model trains faster and each box carries less load.",
      covered: ALL_Q7,
      grade: "easy",
    },
    {
      given: "a Chinese answer that writes the English terms engineers use",
      points: Q3,
      text: "通过quantization和pruning把参数砍掉一大半，即减少参数量，但基本保持accuracy，这样模型能在手机上跑起来。",
      covered: ALL_Q3,
      grade: "easy",
    },
    {
      given: "an English answer with Chinese terms in it",
      points: Q13,
      text: "Edge computing runs the 计算 locally on IoT devices, which cuts 延迟 and uses less bandwidth.",
      covered: ALL_Q13,
      grade: "easy",
    },
    {
      given: "Traditional Chinese with Taiwan wording",
      points: Q3,
      text: "用量化、剪枝把模型體積縮小、參數減少，同時維持精度，所以能部署在記憶體很小的嵌入式裝置上。",
      covered: ALL_Q3,
      grade: "easy",
    },
    {
      given: "full-width letters and punctuation",
      points: Q13,
      text: "ＥＤＧＥ　ＣＯＭＰＵＴＩＮＧ ｒｕｎｓ ｔｈｅ ｃｏｍｐｕｔａｔｉｏｎ ｌｏｃａｌｌｙ，ＲＥＤＵＣＩＮＧ ｌａｔｅｎｃｙ ａｎｄ ｔｒａｆｆｉｃ．",
      covered: ALL_Q13,
      grade: "easy",
    },
    {
      given: "a negation that belongs to the claim, close to the next claim",
      points: Q12,
      text: "多个参与方不交换数据也能共同训练模型，保护了隐私。",
      covered: ALL_Q12,
      grade: "easy",
    },
    {
      given: "a negation that belongs to the claim (不共享数据)",
      points: Q12,
      text: "多家医院在不共享数据的前提下一起训练一个模型，更好地保护了病人的隐私。",
      covered: ALL_Q12,
      grade: "easy",
    },
    {
      given: "an English claim that contains its own negation",
      points: Q12,
      text: "Clients that don't share their data still train one model together, which protects privacy.",
      covered: ALL_Q12,
      grade: "easy",
    },
    {
      given: "a negative claim made with a negation (carries no bias)",
      points: Q16,
      text: "Clean the data and detect bias, so that the model's decisions carry no bias.",
      covered: ALL_Q16,
      grade: "easy",
    },
    {
      given: "a negative claim made with a negation, in Chinese (没有歧视)",
      points: Q16,
      text: "先清洗数据、检测偏差，让模型的决策没有歧视。",
      covered: ALL_Q16,
      grade: "easy",
    },
    {
      given: "an opposite turned around by 'without'",
      points: Q13,
      text: "It processes data locally, cutting latency without increasing bandwidth use.",
      covered: ALL_Q13,
      grade: "easy",
    },
    {
      given: "an opposite turned around by 不会",
      points: Q13,
      text: "在设备端处理数据，降低延迟，也不会增加带宽压力。",
      covered: ALL_Q13,
      grade: "easy",
    },
    {
      given: "不是 … 而是 …: the negation stops at the contrast",
      points: Q7,
      text: "它不是靠单台设备硬算而是用多台机器一起训练，所以训练更快，也减轻了每台设备的负载。",
      covered: ALL_Q7,
      grade: "easy",
    },
    {
      given: "不同/不断/不仅, which are not negations",
      points: Q7,
      text: "不仅把任务分到多个节点上，不同节点并行计算让训练更快，还不断减轻了每台机器的负载。",
      covered: ALL_Q7,
      grade: "easy",
    },
    {
      given: "'not only', which is not a negation",
      points: Q7,
      text: "Not only is the job split across several nodes, training also gets faster and the load per GPU is lower.",
      covered: ALL_Q7,
      grade: "easy",
    },
    {
      given: "an opposite word that describes something else than the point",
      points: Q13,
      text: "Processing the data locally reduces latency and increases responsiveness, with less bandwidth used.",
      covered: ALL_Q13,
      grade: "easy",
    },
  ])("GIVEN $given THEN it is graded $grade", ({ points, text, covered, grade }) => {
    const feedback = gradeAnswer(text, points);
    expect(feedback).toMatchObject({ covered, refuted: [], grade });
  });
});

describe("a partial answer is Good or Hard, never Easy", () => {
  test.each<Row>([
    {
      given: "two of three points, in Chinese",
      points: Q7,
      text: "就是把训练分散到多台服务器上，训练速度会加快很多。",
      covered: ["multiple-nodes", "faster-training"],
      grade: "good",
    },
    {
      given: "one of four points, in English",
      points: Q3,
      text: "You compress the model with distillation into a smaller student network.",
      covered: ["techniques"],
      grade: "hard",
    },
    {
      given: "an answer about something else (the neighbouring question)",
      points: Q12,
      text: "边缘计算把计算放到离数据源近的地方，降低延迟。",
      covered: [],
      grade: "again",
    },
    {
      given: "the question restated, in English",
      points: Q7,
      text: "What is distributed training in AI infrastructure?",
      covered: [],
      grade: "again",
    },
    {
      given: "the question restated, in Chinese",
      points: Q7,
      text: "AI基础设施中的分布式训练是什么？",
      covered: [],
      grade: "again",
    },
    {
      given: "显卡/存储: the characters of 显存 apart do not make the term",
      points: Q3,
      text: "量化之后在显卡上运行，存储也少了。",
      covered: ["techniques"],
      grade: "hard",
    },
  ])("GIVEN $given THEN it covers $covered and is $grade", ({ points, text, covered, grade }) => {
    const feedback = gradeAnswer(text, points);
    expect(feedback).toMatchObject({ covered, grade });
    expect(feedback.missed).toEqual(points.map((p) => p.id).filter((id) => !covered.includes(id)));
  });
});

type Stuffed = Row & { refuted: string[] };

describe("keyword stuffing and contrary claims do not earn a good grade", () => {
  test.each<Stuffed>([
    {
      given: "a negated claim in Chinese",
      points: Q7,
      text: "分布式训练并不能加快训练，只是把任务放到多个节点上，而且不会减轻单台设备的负载。",
      covered: ["multiple-nodes"],
      refuted: ["faster-training", "less-load-per-device"],
      grade: "again",
    },
    {
      given: "a negated claim in English",
      points: Q12,
      text: "Several parties train jointly on shared data; it doesn't improve privacy at all.",
      covered: ["joint-training"],
      refuted: ["better-privacy"],
      grade: "again",
    },
    {
      given: "a negation after the claim's terms",
      points: Q12,
      text: "Several parties train a model together without sharing data, though protecting privacy isn't the goal.",
      covered: ["data-not-shared", "joint-training"],
      refuted: ["better-privacy"],
      grade: "hard",
    },
    {
      given: "a negation after the claim's terms, in Chinese",
      points: Q12,
      text: "多方在数据留在本地的情况下联合训练，提高隐私并不是它的作用。",
      covered: ["data-not-shared", "joint-training"],
      refuted: ["better-privacy"],
      grade: "hard",
    },
    {
      given: "'is not' denying a whole long clause",
      points: Q7,
      text: "Distributed training is not a way of spreading the training job over many machines so that it finishes faster.",
      covered: [],
      refuted: ["multiple-nodes", "faster-training"],
      grade: "again",
    },
    {
      given: "不是 denying a whole long clause",
      points: Q7,
      text: "分布式训练不是一种把整个训练任务拆开放到多台机器上并行执行的方法。",
      covered: [],
      refuted: ["multiple-nodes"],
      grade: "again",
    },
    {
      given: "a negative claim negated (does not prevent bias)",
      points: Q16,
      text: "It cleans the data but does not prevent bias in the decisions.",
      covered: ["clean-the-data"],
      refuted: ["avoid-bias"],
      grade: "again",
    },
    {
      given: "an opposite claim: 增加 where the point says 减少",
      points: Q13,
      text: "边缘计算在本地设备上处理数据，会增加延迟，并且加重网络传输的负担。",
      covered: ["near-the-source"],
      refuted: ["lower-latency", "less-network-load"],
      grade: "again",
    },
    {
      given: "an opposite claim in English, beside a right one",
      points: Q3,
      text: "Pruning and quantization maintain accuracy but increase the number of parameters, so it runs on phones.",
      covered: ["keeps-performance", "techniques", "constrained-devices"],
      refuted: ["fewer-parameters"],
      grade: "hard",
    },
    {
      given: "a bare list of the key terms in Chinese",
      points: Q7,
      text: "多个节点、加速、训练、减少、负载",
      covered: ALL_Q7,
      refuted: [],
      grade: "hard",
    },
    {
      given: "a list of the key terms after the question's topic",
      points: Q3,
      text: "模型压缩：减少参数、保持精度、量化、剪枝、部署手机",
      covered: ALL_Q3,
      refuted: [],
      grade: "hard",
    },
    {
      given: "a bare list of the key terms in English, glued with 'and'",
      points: Q3,
      text: "reduce parameters and maintain accuracy, quantization, pruning, deploy mobile",
      covered: ALL_Q3,
      refuted: [],
      grade: "hard",
    },
    {
      given: "an empty answer",
      points: Q13,
      text: "",
      covered: [],
      refuted: [],
      grade: "again",
    },
    {
      given: "only punctuation and spaces",
      points: Q13,
      text: " 。。。 ... ",
      covered: [],
      refuted: [],
      grade: "again",
    },
  ])("GIVEN $given THEN it is $grade", ({ points, text, covered, refuted, grade }) => {
    const feedback = gradeAnswer(text, points);
    expect(feedback).toEqual({
      covered,
      refuted,
      missed: points.map((p) => p.id).filter((id) => !covered.includes(id)),
      grade,
    });
  });
});
