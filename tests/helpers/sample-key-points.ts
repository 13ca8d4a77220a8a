import type { KeyPoint } from "../../src/domain/answer-feedback.js";

/*
 * Key points written for the matcher's tests, in the bank schema's key-point shape, from the reference
 * texts of data/banks/ai-infra.json (questions 3, 7, 12 and 13). The bank's own key points are
 * written separately; these only have to be plausible and stable.
 */

const point = (id: string, terms: string[][], opposites?: string[]): KeyPoint => ({
  id,
  label: { "zh-CN": id, "en-US": id },
  terms,
  ...(opposites ? { opposites } : {}),
});

const REDUCE = [
  "减少",
  "降低",
  "减轻",
  "缩短",
  "缩小",
  "更少",
  "reduce",
  "lower",
  "less",
  "fewer",
  "cut",
  "shrink",
];
const INCREASE = ["增加", "增大", "加重", "提高", "increase", "raise", "more"];

/** 7: distributed training. */
export const DISTRIBUTED_TRAINING: KeyPoint[] = [
  point("multiple-nodes", [
    [
      "多个计算节点",
      "多个节点",
      "多台机器",
      "多台设备",
      "多台服务器",
      "集群",
      "multiple nodes",
      "many nodes",
      "several nodes",
      "multiple machines",
      "many machines",
      "cluster",
    ],
  ]),
  point(
    "faster-training",
    [
      ["加速", "加快", "更快", "提速", "speed up", "faster", "accelerate", "quicker"],
      ["训练", "train"],
    ],
    ["减慢", "变慢", "拖慢", "slow down", "slower"],
  ),
  point(
    "less-load-per-device",
    [REDUCE, ["计算压力", "负载", "压力", "load", "burden", "pressure"]],
    ["增加", "加重", "increase"],
  ),
];

/** 3: model compression. */
export const MODEL_COMPRESSION: KeyPoint[] = [
  point(
    "fewer-parameters",
    [
      REDUCE,
      [
        "参数",
        "计算复杂度",
        "计算量",
        "模型大小",
        "体积",
        "parameter",
        "size",
        "computation",
        "complexity",
        "footprint",
      ],
    ],
    INCREASE,
  ),
  point("keeps-performance", [
    [
      "保持",
      "维持",
      "不损失",
      "不牺牲",
      "keep",
      "maintain",
      "retain",
      "preserve",
      "without losing",
      "without sacrificing",
    ],
    ["性能", "精度", "准确率", "效果", "performance", "accuracy"],
  ]),
  point("techniques", [
    [
      "量化",
      "剪枝",
      "蒸馏",
      "quantization",
      "quantize",
      "pruning",
      "prune",
      "distillation",
      "distill",
    ],
  ]),
  point("constrained-devices", [
    ["部署", "运行", "跑", "deploy", "run"],
    [
      "资源受限",
      "移动设备",
      "嵌入式",
      "边缘设备",
      "手机",
      "显存",
      "mobile",
      "embedded",
      "edge device",
      "resource-constrained",
      "phone",
      "memory",
    ],
  ]),
];

/** 12: federated learning. */
export const FEDERATED_LEARNING: KeyPoint[] = [
  point("data-not-shared", [
    [
      "不共享数据",
      "不共享原始数据",
      "不交换数据",
      "数据不出",
      "数据留在本地",
      "数据不离开",
      "without sharing",
      "not sharing",
      "do not share",
      "don't share",
      "keep data local",
      "data stays local",
      "data never leaves",
    ],
  ]),
  point("joint-training", [
    [
      "多个参与方",
      "多方",
      "多个机构",
      "多个客户端",
      "多家",
      "multiple parties",
      "several parties",
      "participants",
      "clients",
      "organizations",
    ],
    [
      "共同训练",
      "联合训练",
      "一起训练",
      "协作",
      "共同",
      "jointly",
      "together",
      "collaboratively",
      "collaborate",
    ],
  ]),
  point(
    "better-privacy",
    [
      ["隐私", "privacy", "安全", "security"],
      ["提高", "保护", "增强", "保障", "improve", "protect", "enhance", "preserve", "better"],
    ],
    ["削弱", "降低", "weaken", "worse", "reduce"],
  ),
];

/** 13: edge computing. */
export const EDGE_COMPUTING: KeyPoint[] = [
  point("near-the-source", [
    ["计算", "处理", "compute", "computation", "process", "run"],
    [
      "靠近数据源",
      "数据源附近",
      "本地",
      "设备端",
      "边缘设备",
      "物联网",
      "near the data",
      "close to the data",
      "locally",
      "on the device",
      "edge device",
      "iot",
    ],
  ]),
  point(
    "lower-latency",
    [REDUCE, ["延迟", "时延", "latency", "delay", "lag"]],
    ["增加", "增大", "提高", "increase", "higher"],
  ),
  point(
    "less-network-load",
    [
      REDUCE,
      [
        "网络负载",
        "带宽",
        "网络流量",
        "传输",
        "network load",
        "bandwidth",
        "traffic",
        "transmission",
      ],
    ],
    ["增加", "加重", "increase"],
  ),
];

/** 16: fairness; "avoids bias" is a claim that is itself negative. */
export const FAIRNESS: KeyPoint[] = [
  point("clean-the-data", [
    ["清洗", "cleaning", "clean"],
    ["数据", "data"],
  ]),
  point("detect-bias", [
    ["偏见", "偏差", "歧视", "bias", "discrimination"],
    ["检测", "发现", "detect", "check"],
  ]),
  point("avoid-bias", [
    ["偏见", "偏差", "歧视", "bias", "discrimination"],
    ["避免", "防止", "消除", "不带", "avoid", "prevent", "eliminate", "without", "free of"],
  ]),
];
