import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { describe, expect, test } from "vitest";
import { TokenRefusedError } from "../../src/discord/client.js";
import { classifySendError } from "../../src/discord/discord-errors.js";

const apiError = (status: number, code: number) =>
  new DiscordAPIError(
    { code, message: "refused" },
    code,
    status,
    "POST",
    "/channels/c/messages",
    {},
  );

const rateLimit = new RateLimitError({
  timeToReset: 1000,
  limit: 5,
  method: "POST",
  hash: "h",
  url: "/channels/c/messages",
  route: "/channels/:id/messages",
  majorParameter: "c",
  global: false,
  retryAfter: 1000,
  sublimitTimeout: 0,
  scope: "user",
});

describe("classifySendError: what Discord's answer to a send means for the post", () => {
  test.each([
    [
      "403/50013",
      apiError(403, 50013),
      { kind: "paused", code: 50013, reason: { code: "missing-permissions", missing: [] } },
    ],
    [
      "403/50001",
      apiError(403, 50001),
      { kind: "paused", code: 50001, reason: { code: "missing-access" } },
    ],
    [
      "404/10003",
      apiError(404, 10003),
      { kind: "paused", code: 10003, reason: { code: "channel-gone" } },
    ],
    [
      "404/10004",
      apiError(404, 10004),
      { kind: "paused", code: 10004, reason: { code: "guild-gone" } },
    ],
    [
      "400/50035",
      apiError(400, 50035),
      {
        kind: "paused",
        code: 50035,
        reason: { code: "discord-error", status: 400, discordCode: 50035 },
      },
    ],
    ["401", apiError(401, 0), { kind: "fatal", code: 401 }],
    ["a request after the 401, held back", new TokenRefusedError(), { kind: "fatal", code: 401 }],
    [
      "a request after the 401, token dropped",
      new Error("Expected token to be set for this request, but none was present"),
      { kind: "fatal", code: 401 },
    ],
    [
      "429 through DiscordAPIError",
      apiError(429, 0),
      { kind: "retry-later", reason: { code: "discord-status", status: 429 } },
    ],
    [
      "503",
      apiError(503, 0),
      { kind: "retry-later", reason: { code: "discord-status", status: 503 } },
    ],
    ["rate limited", rateLimit, { kind: "retry-later", reason: { code: "rate-limited" } }],
    [
      "a 502 without a body",
      new HTTPError(502, "Bad Gateway", "POST", "/channels/c/messages", {}),
      { kind: "retry-later", reason: { code: "discord-status", status: 502 } },
    ],
    [
      "a socket error",
      new Error("ECONNRESET"),
      { kind: "retry-later", reason: { code: "unreachable" } },
    ],
  ])("GIVEN %s THEN %o", (_name, error, expected) => {
    expect(classifySendError(error)).toMatchObject(expected);
  });
});
