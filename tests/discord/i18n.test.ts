import { expect, test } from "vitest";
import en from "../../src/i18n/en-US.json" with { type: "json" };
import zh from "../../src/i18n/zh-CN.json" with { type: "json" };
import { t, tCount } from "../../src/discord/i18n.js";

test("GIVEN the two tables THEN they have exactly the same keys", () => {
  expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
});

test("GIVEN each key THEN both languages use the same placeholders", () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
  }
});

test.each([
  ["en-US", "Question 7"],
  ["zh-CN", "第 7 题"],
] as const)("GIVEN %s THEN variables are filled in", (lang, expected) => {
  expect(t(lang, "question.title", { number: 7 })).toBe(expected);
});

test("GIVEN a missing variable THEN the placeholder stays visible rather than vanishing", () => {
  expect(t("en-US", "question.title")).toBe("Question {number}");
});

test.each([
  ["en-US", "streak.days", 1, "1 day"],
  ["en-US", "streak.days", 2, "2 days"],
  ["en-US", "streak.days", 0, "0 days"],
  ["zh-CN", "streak.days", 1, "1 天"],
  ["zh-CN", "streak.days", 3, "3 天"],
  ["en-US", "daily.previous.answered", 0, "Nobody answered it; today is a new chance."],
  ["en-US", "daily.previous.answered", 1, "1 member answered it."],
  ["en-US", "daily.previous.answered", 21, "21 members answered it."],
  ["en-US", "board.value.answers", 1, "1 answer"],
  ["en-US", "board.value.week", 4, "4 this week"],
] as const)("GIVEN %s %s and %i THEN the count reads %j", (lang, key, count, expected) => {
  expect(tCount(lang, key, count)).toBe(expected);
});

test("GIVEN the Chinese table THEN every command it mentions is spelt as a Chinese reader's client shows it", () => {
  // Discord's client lists the commands by their zh-CN names: "/question review" is not found.
  const english = Object.entries(zh).filter(([, text]) => /\/[a-z]/.test(text));
  expect(english).toEqual([]);
});
