import { DiscordAPIError } from "discord.js";
import { afterEach, describe, expect, test } from "vitest";
import {
  backoffMs,
  CLAIM_LEASE_MS,
  nonceFor,
  postDailyQuestion,
} from "../../src/services/post-daily-question.js";
import type { GuildSettings } from "../../src/store/guild-settings.js";
import { closeTestApps, testApp, type TestApp } from "../helpers/app-context.js";
import { seedParticipation } from "../helpers/store-seeds.js";
import type { APIEmbed } from "discord.js";
import { findQuestion } from "../../src/domain/catalogue.js";
import { gradeAnswer } from "../../src/domain/answer-feedback.js";
import { recordAnswer, revealAnswer } from "../../src/services/answer-question.js";
import { StoreError } from "../../src/store/store-error.js";

afterEach(closeTestApps);

const DAY = "2026-11-30";
const NOW = Date.parse("2026-11-30T09:00:00Z");

async function configured(app: TestApp, guildId = "g1", channelId = "c1"): Promise<GuildSettings> {
  return app.ctx.guilds.update(guildId, (s) => ({
    ...s,
    channelId,
    enabled: true,
    time: "09:00",
    timeZone: "UTC",
  }));
}

/** Moves the app's clock to `ms` (claims and leases read it) and returns it for the tick's `now`. */
const at = (app: TestApp, ms: number) => {
  app.ctx.now = () => ms;
  return ms;
};

const discordError = (status: number, code: number) =>
  new DiscordAPIError(
    { code, message: "refused" },
    code,
    status,
    "POST",
    "/channels/c1/messages",
    {},
  );

describe("postDailyQuestion", () => {
  test("GIVEN a configured server THEN one message goes out with buttons, a thread, and everything is recorded", async () => {
    const app = await testApp();
    const settings = await configured(app);
    const outcome = await postDailyQuestion(app.ctx, settings, DAY, NOW);
    expect(outcome).toMatchObject({ kind: "posted" });
    expect(app.discord.sent).toHaveLength(1);
    expect(app.discord.sent[0]?.message.nonce).toBe(nonceFor("g1", DAY));
    expect(app.discord.threads).toEqual([app.discord.sent[0]?.messageId]);
    const after = await app.ctx.guilds.get("g1");
    expect(after.lastPost).toMatchObject({
      day: DAY,
      channelId: "c1",
      messageId: app.discord.sent[0]?.messageId,
    });
    expect(await app.ctx.posts.get("g1", DAY)).toMatchObject({ status: "sent" });
    expect((await app.ctx.rotation.get("g1")).previous).toBe(after.lastPost?.number);
  });

  test("GIVEN the day was posted THEN a second call sends nothing", async () => {
    const app = await testApp();
    const settings = await configured(app);
    await postDailyQuestion(app.ctx, settings, DAY, NOW);
    expect(await postDailyQuestion(app.ctx, settings, DAY, NOW + 60_000)).toMatchObject({
      kind: "already-posted",
    });
    expect(app.discord.sent).toHaveLength(1);
  });

  test("GIVEN two processes sharing one SQLite file racing for the day THEN exactly one post", async () => {
    const a = await testApp({ instanceId: "a" });
    const b = await testApp({ url: a.url, discord: a.discord, instanceId: "b" });
    const settings = await configured(a);
    const outcomes = await Promise.all([
      ...Array.from({ length: 5 }, () => postDailyQuestion(a.ctx, settings, DAY, NOW)),
      ...Array.from({ length: 5 }, () => postDailyQuestion(b.ctx, settings, DAY, NOW)),
    ]);
    expect(outcomes.filter((o) => o.kind === "posted")).toHaveLength(1);
    expect(a.discord.sent).toHaveLength(1);
  });

  test("GIVEN another process's fresh claim THEN this one waits; once the lease ran out it finishes with the same nonce", async () => {
    const dead = await testApp({ instanceId: "dead" });
    const settings = await configured(dead);
    dead.discord.failSend = () => new Error("process crashed mid-send");
    await postDailyQuestion(dead.ctx, settings, DAY, at(dead, NOW));
    const claim = await dead.ctx.posts.get("g1", DAY);
    await dead.ctx.posts.replace(claim!, { ...claim!, retryAt: 0 }); // as if it died before backing off

    const live = await testApp({ url: dead.url, instanceId: "live" });
    expect(await postDailyQuestion(live.ctx, settings, DAY, at(live, NOW + 10_000))).toEqual({
      kind: "in-progress",
    });
    const later = await postDailyQuestion(
      live.ctx,
      settings,
      DAY,
      at(live, NOW + CLAIM_LEASE_MS + 1),
    );
    expect(later).toMatchObject({ kind: "posted", number: claim?.number });
    expect(live.discord.sent.map((s) => s.message.nonce)).toEqual([claim?.nonce]);
  });

  test.each([
    [
      { ok: false, code: 50013, missing: ["SendMessages"] },
      { code: "missing-permissions", missing: ["SendMessages"] },
    ],
    [
      { ok: false, code: 50001, missing: ["ViewChannel", "EmbedLinks"] },
      { code: "missing-permissions", missing: ["ViewChannel", "EmbedLinks"] },
    ],
    [{ ok: false, code: 10003, missing: [] }, { code: "channel-gone" }],
  ] as const)(
    "GIVEN the pre-check refuses %j THEN nothing is sent and the server is paused",
    async (check, reason) => {
      const app = await testApp();
      const settings = await configured(app);
      app.discord.refuse.set("c1", check);
      expect(await postDailyQuestion(app.ctx, settings, DAY, NOW)).toMatchObject({
        kind: "paused",
        code: check.code,
      });
      expect(app.discord.sent).toEqual([]);
      expect((await app.ctx.guilds.get("g1")).pause).toMatchObject({
        code: check.code,
        reason,
      });
      expect(await app.ctx.posts.get("g1", DAY)).toBeUndefined(); // the day is free again for after the fix
    },
  );

  test.each([
    [403, 50013],
    [403, 50001],
    [404, 10003],
    // Any other 4xx too: the same request meets the same refusal.
    [400, 50035],
    [403, 20001],
    [404, 10008],
  ])(
    "GIVEN Discord answers %i/%i THEN the server is paused, never retried",
    async (status, code) => {
      const app = await testApp();
      const settings = await configured(app);
      app.discord.failSend = () => discordError(status, code);
      expect(await postDailyQuestion(app.ctx, settings, DAY, NOW)).toMatchObject({
        kind: "paused",
        code,
      });
      expect((await app.ctx.guilds.get("g1")).pause?.code).toBe(code);
    },
  );

  test("GIVEN 401 THEN fatal: no pause, no backoff, and the day is free for after the new token", async () => {
    const app = await testApp();
    const settings = await configured(app);
    app.discord.failSend = () => discordError(401, 0);
    expect(await postDailyQuestion(app.ctx, settings, DAY, NOW)).toMatchObject({
      kind: "fatal",
      code: 401,
    });
    const after = await app.ctx.guilds.get("g1");
    expect(after.pause).toBeNull();
    expect(await app.ctx.posts.get("g1", DAY)).toBeUndefined();
  });

  test("GIVEN a 5xx THEN the post backs off and then retries with the same nonce", async () => {
    const app = await testApp();
    const settings = await configured(app);
    app.discord.failSend = () => discordError(503, 0);
    expect(await postDailyQuestion(app.ctx, settings, DAY, at(app, NOW))).toMatchObject({
      kind: "retry",
      retryAt: NOW + backoffMs(1),
    });
    expect((await app.ctx.guilds.get("g1")).lastError?.reason).toEqual({
      code: "discord-status",
      status: 503,
    });
    expect(await postDailyQuestion(app.ctx, settings, DAY, at(app, NOW + 30_000))).toMatchObject({
      kind: "waiting",
    });
    expect(
      await postDailyQuestion(app.ctx, settings, DAY, at(app, NOW + backoffMs(1))),
    ).toMatchObject({
      kind: "retry",
      retryAt: NOW + backoffMs(1) + backoffMs(2),
    });
    app.discord.failSend = undefined;
    expect(
      await postDailyQuestion(app.ctx, settings, DAY, at(app, NOW + 10 * 60_000)),
    ).toMatchObject({
      kind: "posted",
    });
    expect(app.discord.sent.map((s) => s.message.nonce)).toEqual([nonceFor("g1", DAY)]);
    expect((await app.ctx.guilds.get("g1")).lastError).toBeNull();
  });

  test("GIVEN servers and days THEN each server's nonce is its own, stable, and at most 25 characters", () => {
    const nonces = ["g1", "g2", "123456789012345678"].flatMap((guildId) =>
      [DAY, "2026-12-01"].map((day) => nonceFor(guildId, day)),
    );
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces) expect(nonce.length).toBeLessThanOrEqual(25);
    expect(nonceFor("g1", DAY)).toBe(nonceFor("g1", DAY));
  });

  test("GIVEN a claim stored with the old shared nonce and Discord returns another server's message THEN it is not recorded and the next try posts in this channel", async () => {
    const app = await testApp();
    at(app, NOW);
    const legacy = "qotd-20261130"; // what every server's claim carried before
    await app.discord.send("other-channel", { embeds: [], components: [], nonce: legacy });
    const settings = await configured(app);
    app.discord.failSend = () => new Error("process crashed mid-send");
    await postDailyQuestion(app.ctx, settings, DAY, NOW);
    const claim = (await app.ctx.posts.get("g1", DAY))!;
    await app.ctx.posts.replace(claim, { ...claim, nonce: legacy, retryAt: 0 });
    app.discord.failSend = undefined;

    expect(await postDailyQuestion(app.ctx, settings, DAY, NOW)).toMatchObject({ kind: "retry" });
    expect((await app.ctx.guilds.get("g1")).lastPost).toBeNull();
    expect(await app.ctx.posts.get("g1", DAY)).toMatchObject({
      status: "claimed",
      nonce: nonceFor("g1", DAY),
    });

    expect(await postDailyQuestion(app.ctx, settings, DAY, NOW)).toMatchObject({ kind: "posted" });
    const mine = app.discord.sent.filter((s) => s.channelId === "c1");
    expect(mine).toHaveLength(1);
    expect((await app.ctx.guilds.get("g1")).lastPost?.messageId).toBe(mine[0]?.messageId);
  });

  test.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [10, 30 * 60_000],
  ])("GIVEN attempt %i THEN the backoff is %i ms", (attempts, expected) => {
    expect(backoffMs(attempts)).toBe(expected);
  });

  test("GIVEN yesterday's post and two answers to it THEN today's post reveals it with the count", async () => {
    const app = await testApp();
    const settings = await configured(app);
    await postDailyQuestion(app.ctx, settings, "2026-11-29", NOW - 86_400_000);
    const yesterday = (await app.ctx.guilds.get("g1")).lastPost!;
    await seedParticipation(app.url, "g1", yesterday.number, "u1", yesterday.at + 1000);
    await seedParticipation(app.url, "g1", yesterday.number, "u2", yesterday.at + 2000);
    await seedParticipation(app.url, "g1", yesterday.number, "u3", yesterday.at - 1); // before the post
    await postDailyQuestion(app.ctx, await app.ctx.guilds.get("g1"), DAY, NOW);
    const [reveal, today] = app.discord.sent[1]!.message.embeds as {
      title: string;
      description: string;
    }[];
    expect(reveal?.title).toBe(`The previous question, #${yesterday.number}: the answer`);
    expect(reveal?.description).toContain("2 members answered it.");
    expect(today?.title).toMatch(/^Question of the day · #\d+$/);
    expect(today?.title).not.toBe(`Question of the day · #${yesterday.number}`);
  });

  test("GIVEN graded answers to yesterday's question THEN the reveal names the key point most of them missed, with counts and no names", async () => {
    const app = await testApp();
    const settings = await configured(app);
    await postDailyQuestion(app.ctx, settings, "2026-11-29", NOW - 86_400_000);
    const yesterday = (await app.ctx.guilds.get("g1")).lastPost!;
    const question = findQuestion(app.ctx.catalogue, yesterday.number)!;
    const full = `${question["en-US"].answer} ${question["en-US"].explanation}`;
    const answer = (userId: string, text: string, at: number) => {
      app.ctx.now = () => at;
      return recordAnswer(app.ctx, {
        answerId: `${userId}-1`,
        guildId: "g1",
        userId,
        number: yesterday.number,
        text,
      });
    };
    await answer("u1", "I have no idea.", yesterday.at + 1000);
    await answer("u2", "I have no idea.", yesterday.at + 2000);
    await answer("u3", full, yesterday.at + 3000);
    await answer("u4", "I have no idea.", yesterday.at - 1); // before the post: not counted
    // The reference text covers the points the matcher finds in it; the others all three missed.
    const fullCovers = gradeAnswer(full, question.keyPoints!).covered;
    const first =
      question.keyPoints!.find((p) => !fullCovers.includes(p.id)) ?? question.keyPoints![0]!;
    const missedBy = fullCovers.includes(first.id) ? 2 : 3;
    await postDailyQuestion(app.ctx, await app.ctx.guilds.get("g1"), DAY, NOW);
    const [reveal] = app.discord.sent[1]!.message.embeds as APIEmbed[];
    expect(reveal?.fields?.at(-1)).toEqual({
      name: "Most missed key point",
      value: `✗ ${first.label["en-US"]} (missed by ${missedBy} of 3 graded answers)`,
    });
    expect(JSON.stringify(reveal)).not.toMatch(/u[1-4]/);
  });

  test("GIVEN the server's language is Chinese THEN the post is in Chinese; an override wins", async () => {
    const app = await testApp();
    app.discord.locale = "zh-CN";
    const settings = await configured(app);
    await postDailyQuestion(app.ctx, settings, DAY, NOW);
    expect((app.discord.sent[0]?.message.embeds[0] as { title: string }).title).toMatch(
      /^每日一题 · 第 \d+ 题$/,
    );
    const withOverride = await app.ctx.guilds.update("g1", (s) => ({ ...s, language: "en-US" }));
    await postDailyQuestion(app.ctx, withOverride, "2026-12-01", NOW + 86_400_000);
    expect((app.discord.sent[1]?.message.embeds[1] as { title: string }).title).toMatch(
      /^Question of the day/,
    );
  });

  test("GIVEN members with reviews due by the day's end THEN the footer counts them, without names", async () => {
    const app = await testApp();
    const settings = await configured(app);
    const answer = (userId: string, text: string) =>
      recordAnswer(app.ctx, { answerId: userId, guildId: "g1", userId, number: 9, text });
    at(app, NOW - 3 * 86_400_000);
    await answer("u1", "不知道"); // Again: due the next day
    await answer("u2", "准确率、召回率、F1分数和AUC；不同场景适用不同标准，帮助选出最合适的模型。");
    await revealAnswer(app.ctx, { guildId: "g1", userId: "u3", number: 4 }); // Again
    at(app, NOW);
    await postDailyQuestion(app.ctx, settings, DAY, NOW);
    const [today] = app.discord.sent[0]!.message.embeds as APIEmbed[];
    expect(today?.footer?.text.split("\n").at(-1)).toBe(
      "2 members have reviews due today: /question review",
    );
    expect(JSON.stringify(today)).not.toMatch(/u[1-3]/);
  });

  test("GIVEN the reviews cannot be counted THEN the question is posted without that line", async () => {
    const app = await testApp();
    const settings = await configured(app);
    app.ctx.cards = {
      ...app.ctx.cards,
      membersDue: () => Promise.reject(new StoreError("store count failed: disk gone")),
    };
    expect(await postDailyQuestion(app.ctx, settings, DAY, NOW)).toMatchObject({ kind: "posted" });
    const [today] = app.discord.sent[0]!.message.embeds as APIEmbed[];
    expect(today?.footer?.text).not.toContain("review");
    expect(today?.footer?.text).toMatch(/or reveal it\.$/);
  });
});
