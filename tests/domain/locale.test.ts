import { expect, test } from "vitest";
import { languageFor } from "../../src/domain/locale.js";

test.each([
  ["zh-CN", "zh-CN"],
  ["zh-TW", "zh-CN"],
  ["en-US", "en-US"],
  ["en-GB", "en-US"],
  ["ja", "en-US"],
  ["fr", "en-US"],
  [null, "en-US"],
  [undefined, "en-US"],
])("GIVEN Discord locale %s THEN the member reads %s", (locale, expected) => {
  expect(languageFor(locale)).toBe(expected);
});
