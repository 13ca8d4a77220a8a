import { describe, expect, test } from "vitest";
import { redactTokens } from "../src/log.js";

describe("redactTokens", () => {
  test.each([
    [
      "POST https://discord.com/api/v10/interactions/1234567890/aW50ZXJhY3Rpb246OjEyMzQ6c2VjcmV0/callback?with_response=true",
      "POST https://discord.com/api/v10/interactions/1234567890/[redacted]/callback?with_response=true",
    ],
    [
      '"url":"/webhooks/99887766/aW50ZXJhY3Rpb246OjEy-_x/messages/@original"',
      '"url":"/webhooks/99887766/[redacted]/messages/@original"',
    ],
    ["/webhooks/1/abc", "/webhooks/1/[redacted]"],
    [
      "Bot MTE4NDU5NzQ3NTY3MjM4NzYwMg.GsT2aB.aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789ab",
      "Bot [redacted]",
    ],
    ["/channels/123/messages", "/channels/123/messages"],
  ])("GIVEN %s THEN %s", (text, clean) => {
    expect(redactTokens(text)).toBe(clean);
  });

  test("GIVEN a named secret THEN it is replaced wherever it appears", () => {
    expect(redactTokens("token=s3cret; again s3cret", ["s3cret"])).toBe(
      "token=[redacted]; again [redacted]",
    );
  });
});
