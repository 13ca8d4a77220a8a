import { describe, expect, test } from "vitest";
import { describeDays } from "../../src/discord/render-config.js";

describe("describeDays", () => {
  // The names come from Intl in UTC: in a process zone west of UTC, local midnight of the
  // reference date is the day before, and every name would be one day off.
  test.each([
    [[1, 3, 5], "en-US", "Mon, Wed, Fri"],
    [[7, 2], "en-US", "Tue, Sun"],
    [[1, 3, 5], "zh-CN", "周一, 周三, 周五"],
  ] as const)("GIVEN days %j in %s THEN they read %s", (days, lang, text) => {
    expect(describeDays(days, lang)).toBe(text);
  });
});
