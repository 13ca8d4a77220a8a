import { expect, test } from "vitest";
import en from "../../src/i18n/en-US.json" with { type: "json" };
import zh from "../../src/i18n/zh-CN.json" with { type: "json" };
import { t } from "../../src/discord/i18n.js";

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
