import { PNG } from "pngjs";
import { pino } from "pino";
import { describe, expect, test } from "vitest";
import { NOTO_CJK_FACE, NOTO_CJK_PATH, openChartFont } from "../../src/discord/chart-font.js";
import {
  progressChart,
  progressEmbed,
  progressPicture,
} from "../../src/discord/render-progress.js";
import { drawable, progressSvg } from "../../src/discord/render-progress-png.js";
import { memberProgress, dueForecast } from "../../src/domain/progress.js";
import { loadBuiltInCatalogue } from "../helpers/catalogue.js";

const catalogue = await loadBuiltInCatalogue();
const font = openChartFont(NOTO_CJK_PATH, NOTO_CJK_FACE);
const NOW = Date.parse("2026-12-05T10:00:00Z"); // a Saturday
const topics = [...catalogue.topics.keys()];
const recalls = catalogue.questions.slice(0, 20).map((q, i) => ({
  question: q.number,
  recall: i % 4 === 0 ? 0.3 : 0.95,
}));
const forecast = dueForecast(
  [NOW - 1, NOW + 86_400_000, NOW + 86_400_000],
  [{ zone: "UTC", from: 0 }],
  NOW,
);
const progress = memberProgress(topics, catalogue.questions, recalls, forecast);

describe("the /progress text view", () => {
  test("GIVEN a Chinese reader THEN topics, the suggestion and the days are in Chinese", () => {
    const embed = progressEmbed("42", "m0", progress, catalogue, "zh-CN", true);
    expect(embed.title).toBe("m0 的学习进度");
    expect(embed.description).toContain("<@42>\n已答 20/30 题 · 掌握度 ");
    expect(embed.description).toContain("**模型优化** · 已答 ");
    expect(embed.fields?.[0]).toMatchObject({ name: "最弱主题" });
    expect(embed.fields?.[0]?.value).toMatch(/^复习 \d 道「.+」的题（掌握度 \d+%）。$/);
    expect(embed.fields?.[1]).toEqual({
      name: "未来 7 天待复习",
      value:
        "今天 **1** · 周日 **2** · 周一 **0** · 周二 **0** · 周三 **0** · 周四 **0** · 周五 **0**",
      inline: false,
    });
    expect(embed.image).toEqual({ url: "attachment://progress.png" });
  });

  test("GIVEN an English reader and no picture THEN English labels and no image", () => {
    const embed = progressEmbed("42", "m0", progress, catalogue, "en-US", false);
    expect(embed.description).toContain("**Model optimization** · ");
    expect(embed.fields?.[0]?.value).toMatch(/^Review \d questions? on .+ \(recall \d+%\)\.$/);
    expect(embed.fields?.[1]?.value).toMatch(/^Today \*\*1\*\* · Sun \*\*2\*\* · Mon/);
    expect(embed).not.toHaveProperty("image");
  });

  test("GIVEN every topic strong THEN no suggestion but a word of encouragement", () => {
    const strong = memberProgress(
      topics,
      catalogue.questions,
      catalogue.questions.map((q) => ({ question: q.number, recall: 0.97 })),
      forecast,
    );
    expect(progressEmbed("42", "m0", strong, catalogue, "en-US", false).fields?.[0]?.value).toBe(
      "Every topic is at or above 90% recall: keep answering the daily question.",
    );
  });
});

describe("the /progress picture", () => {
  test.each(["zh-CN", "en-US"] as const)(
    "GIVEN a %s reader THEN a PNG under 200 kB, one bar row per topic, labels in that language",
    async (lang) => {
      const chart = progressChart("m0", progress, catalogue, lang);
      expect(chart.rows.map((row) => row.label)).toEqual(
        topics.map((topic) => catalogue.topics.get(topic)![lang]),
      );
      const png = await progressPicture(chart, pino({ level: "silent" }), () => font);
      expect(png).not.toBeNull();
      expect(png!.length).toBeLessThan(200 * 1024);
      const image = PNG.sync.read(png!);
      expect(image.width).toBe(560);
      expect(image.height).toBeGreaterThan(topics.length * 24);
    },
  );

  test("GIVEN a member name with emoji THEN the picture's title leaves them out instead of drawing boxes", () => {
    const plain = progressSvg(progressChart("ada", progress, catalogue, "en-US"), font);
    const fancy = progressSvg(progressChart("ada🚀\u{1F9E0}", progress, catalogue, "en-US"), font);
    expect(font.missing("ada🚀\u{1F9E0}")).toEqual(["🚀", "\u{1F9E0}"]);
    expect(fancy).toBe(plain);
    expect(drawable("模型🚀优化", font)).toBe("模型优化");
  });

  test("GIVEN no font THEN no picture, and the text view is sent instead", async () => {
    const chart = progressChart("m0", progress, catalogue, "en-US");
    expect(await progressPicture(chart, pino({ level: "silent" }), () => null)).toBeNull();
  });

  test("GIVEN the rasterizer fails THEN it is logged and there is no picture", async () => {
    const lines: string[] = [];
    const log = pino({ level: "warn" }, { write: (line: string) => lines.push(line) });
    const broken = { ...font, shape: () => ({ paths: "<path d='", advance: 1 }) };
    const chart = progressChart("m0", progress, catalogue, "en-US");
    expect(await progressPicture(chart, log, () => broken)).toBeNull();
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      "progress picture failed; sending the text view only",
    ]);
  });
});
