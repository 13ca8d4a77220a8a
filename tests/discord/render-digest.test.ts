import { beforeAll, describe, expect, test } from "vitest";
import { digestEmbed } from "../../src/discord/render-digest.js";
import type { Catalogue } from "../../src/domain/catalogue.js";
import { LANGUAGES } from "../../src/domain/locale.js";
import type { WeeklyDigest } from "../../src/domain/weekly-digest.js";
import { checkEmbeds } from "../../emulator/embed-limits.js";
import { loadBuiltInCatalogue } from "../helpers/catalogue.js";

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadBuiltInCatalogue();
});

const base: WeeklyDigest = {
  week: { first: "2026-11-29", last: "2026-12-05" },
  answered: 12,
  answeredBefore: 9,
  topStreaks: [
    { userId: "11111111111111111111", value: 30 },
    { userId: "22222222222222222222", value: 12 },
    { userId: "33333333333333333333", value: 1 },
  ],
  hardest: { number: 3, good: 1, graded: 4 },
  mostMissed: null,
  reviews: 57,
};

describe("the digest embed", () => {
  test("GIVEN a week THEN it says each part in English, naming leaders without @everyone or roles", () => {
    const embed = digestEmbed(base, catalogue, "en-US");
    expect(embed.title).toBe("Weekly digest · 2026-11-29 to 2026-12-05");
    expect(embed.description).toBe(
      "12 members answered this week; 3 more than the week before (9).",
    );
    const fields = Object.fromEntries((embed.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields["Top streaks"]).toBe(
      "**1.** <@11111111111111111111> · 30 days\n**2.** <@22222222222222222222> · 12 days\n**3.** <@33333333333333333333> · 1 day",
    );
    expect(fields["Hardest question"]).toMatch(
      /^#3 .+: 1 of 4 graded answers were Good or Easy\.\n\(the lowest share of Good or Easy grades among the week's questions with at least 3 graded answers\)$/,
    );
    expect(fields["Most missed key point"]).toBe("No key point was missed this week.");
    expect(fields["Reviews done"]).toBe("57 reviews this week.");
  });

  test("GIVEN a week in Chinese THEN every part is in Chinese", () => {
    const point = catalogue.questions.find((q) => q.keyPoints)!.keyPoints![0]!;
    const digest = { ...base, answered: 5, mostMissed: { number: 7, point, missed: 3, graded: 4 } };
    const embed = digestEmbed(digest, catalogue, "zh-CN");
    expect(embed.description).toBe("本周有 5 位成员作答，比上周（9 位）少 4 位。");
    expect(embed.fields?.map((f) => f.name)).toEqual([
      "连续打卡榜",
      "最难的题目",
      "最常遗漏的要点",
      "完成的复习",
    ]);
    expect(embed.fields?.[2]?.value).toBe(
      `✗ ${point.label["zh-CN"]}（第 7 题：4 个已评分回答中有 3 个遗漏）`,
    );
  });

  test("GIVEN a smaller week THEN it says how many fewer", () => {
    const embed = digestEmbed({ ...base, answered: 1, answeredBefore: 2 }, catalogue, "en-US");
    expect(embed.description).toBe(
      "1 member answered this week; 1 fewer than the week before (2).",
    );
  });

  test("GIVEN an empty week THEN every part still reads, saying what is missing", () => {
    const empty = { answered: 0, answeredBefore: 0, topStreaks: [], hardest: null, reviews: 0 };
    const embed = digestEmbed({ ...base, ...empty }, catalogue, "en-US");
    expect(embed.description).toBe("Nobody answered this week; as many as the week before.");
    expect(embed.fields?.map((f) => f.value)).toEqual([
      "Nobody is on a streak yet: answer today's question to start one.",
      "No question of the week had enough graded answers.\n(the lowest share of Good or Easy grades among the week's questions with at least 3 graded answers)",
      "No key point was missed this week.",
      "No reviews this week: /question review shows what is due.",
    ]);
  });

  test("GIVEN every question as the hardest with its longest key point, in both languages THEN Discord's embed limits hold", () => {
    let checked = 0;
    for (const lang of LANGUAGES) {
      for (const question of catalogue.questions) {
        const points = question.keyPoints ?? [];
        const point = [...points].sort((a, b) => b.label[lang].length - a.label[lang].length)[0];
        const digest: WeeklyDigest = {
          ...base,
          answered: 10_000,
          answeredBefore: 9_999,
          hardest: { number: question.number, good: 9_999, graded: 10_000 },
          mostMissed: point
            ? { number: question.number, point, missed: 9_999, graded: 10_000 }
            : null,
          reviews: 1_000_000,
        };
        const embed = digestEmbed(digest, catalogue, lang);
        expect(() => checkEmbeds([embed])).not.toThrow();
        checked++;
      }
    }
    expect(checked).toBe(2 * catalogue.questions.length);
  });
});
