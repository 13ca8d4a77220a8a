import { describe, expect, test } from "vitest";
import { LANGUAGES } from "../../src/domain/locale.js";
import type { PostFailure } from "../../src/domain/post-failure.js";
import { describeFailure, permissionNames } from "../../src/discord/render-failure.js";

/** One of each: a new code without a sample breaks the build. */
const SAMPLES: { [C in PostFailure["code"]]: Extract<PostFailure, { code: C }> } = {
  "missing-permissions": { code: "missing-permissions", missing: ["SendMessages", "EmbedLinks"] },
  "missing-access": { code: "missing-access" },
  "channel-gone": { code: "channel-gone" },
  "guild-gone": { code: "guild-gone" },
  "rate-limited": { code: "rate-limited" },
  "discord-error": { code: "discord-error", status: 400, discordCode: 50035 },
  "discord-status": { code: "discord-status", status: 502 },
  unreachable: { code: "unreachable" },
  "nonce-taken": { code: "nonce-taken" },
  "question-left-bank": { code: "question-left-bank", number: 42 },
  unexpected: { code: "unexpected" },
  legacy: { code: "legacy", text: "could not reach Discord: socket hang up" },
};

/** Two English words in a row. */
const ENGLISH = /[A-Za-z]{2,}[\s,]+[A-Za-z]{2,}/;

describe("describeFailure", () => {
  test.each(Object.values(SAMPLES).filter((f) => f.code !== "legacy"))(
    "GIVEN %j THEN a zh-CN reader gets no English sentence, and each language fills every placeholder",
    (failure) => {
      for (const lang of LANGUAGES) expect(describeFailure(failure, lang)).not.toMatch(/[{}]/);
      expect(describeFailure(failure, "zh-CN")).not.toMatch(ENGLISH);
    },
  );

  test("GIVEN missing permissions THEN they are named as Discord's client names them, per language", () => {
    const failure = SAMPLES["missing-permissions"];
    expect(describeFailure(failure, "en-US")).toBe(
      "I'm missing Send Messages and Embed Links in the channel",
    );
    expect(describeFailure(failure, "zh-CN")).toBe("我在该频道缺少 发送消息和嵌入链接 权限");
    expect(permissionNames([], "zh-CN")).toBe("查看频道、发送消息或嵌入链接");
  });

  test("GIVEN a sentence stored by an older version THEN it is shown as it was, marked as such", () => {
    expect(describeFailure(SAMPLES.legacy, "en-US")).toBe(SAMPLES.legacy.text);
    expect(describeFailure(SAMPLES.legacy, "zh-CN")).toContain(SAMPLES.legacy.text);
  });
});
