import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../../src/app.js";
import { addDays } from "../../src/domain/calendar.js";
import { openStore } from "../../src/store/open-store.js";
import { startBot, tempStoreUrl, type BotProcess } from "./bot-process.js";
import {
  startEmulator,
  type Emulator,
  type GuildHandle,
  type MemberHandle,
} from "../../emulator/index.js";
import { Permission } from "../../emulator/permissions.js";
import { configureDueNow, deferredReply, slash, startInProcessApp, type Clock } from "./harness.js";

/*
 * The weekly digest through the real client: set with /config digest, posted in the daily
 * channel after Sunday's question and on no other day, once across a restart and with two bot
 * processes on one store, in the server's language, naming members without pinging them.
 */

const SUNDAY = "2026-12-06"; // its digest covers 2026-11-29 … 2026-12-05
const at = (day: string, time = "09:00") => Date.parse(`${day}T${time}:00Z`);

let emu: Emulator;

type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[] };
const botMessages = (guild: GuildHandle) =>
  emu.messages(guild.channels.general).filter((m) => m.author.id === emu.botUserId);
const firstEmbed = (message: { embeds: unknown[] }) => message.embeds[0] as Embed;
const digestsIn = (guild: GuildHandle) =>
  botMessages(guild).filter((m) => /^(Weekly digest|每周回顾)/.test(firstEmbed(m).title ?? ""));

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
});

afterAll(async () => {
  await emu?.close();
});

describe("in one process, the clock moved by the test", () => {
  let app: App;
  let storeUrl: string;
  let guild: GuildHandle;
  let chinese: GuildHandle;
  let off: GuildHandle;
  let admin: MemberHandle;
  let member: MemberHandle;
  const clock: Clock = { now: at("2026-11-29", "08:00") };

  beforeAll(async () => {
    guild = emu.addGuild({ name: "digest club" });
    chinese = emu.addGuild({ name: "学习小组", preferredLocale: "zh-CN" });
    off = emu.addGuild({ name: "no digest" });
    admin = emu.addMember(guild.id, {
      username: "admin",
      locale: "en-US",
      permissions: Permission.ManageGuild,
    });
    member = emu.addMember(guild.id, { username: "ana", locale: "en-US" });
    const dir = await mkdtemp(join(tmpdir(), "drill-digest-"));
    storeUrl = `sqlite://${join(dir, "drill.sqlite")}`;
    app = await startInProcessApp(emu, storeUrl, clock);
    for (const g of [guild, chinese, off]) {
      await app.ctx.guilds.update(g.id, (s) => ({
        ...s,
        channelId: g.channels.general,
        time: "09:00",
        timeZone: "UTC",
        enabled: true,
        digestDay: g === chinese ? 7 : null,
      }));
    }
  });

  afterAll(async () => {
    await app?.stop();
  });

  const config = (who: MemberHandle, sub: string, value?: string) =>
    deferredReply(
      slash(emu, guild, who, "config", sub, value ? [{ name: "value", type: 3, value }] : []),
    );

  test("GIVEN /config digest from a member without Manage Server THEN it is refused and nothing changes", async () => {
    const reply = await config(member, "digest", "7");
    expect(reply.content).toMatch(/Manage Server/);
    expect((await app.ctx.guilds.get(guild.id)).digestDay).toBeNull();
  });

  test("GIVEN an admin's /config digest Sunday THEN it is saved and /config show names the day", async () => {
    const reply = await config(admin, "digest", "7");
    expect(reply.content).toBe(
      "Saved. The weekly digest is now: every Sunday, after the question of the day.",
    );
    const shown = await config(admin, "show");
    const fields = firstEmbed(shown as { embeds: unknown[] }).fields ?? [];
    expect(fields.find((f) => f.name === "Weekly digest")?.value).toBe(
      "every Sunday, after the question of the day",
    );
  });

  async function answerToday(day: string) {
    const daily = botMessages(guild).at(-1)!;
    const today = daily.embeds.at(-1) as Embed; // after the previous question's reveal
    const number = Number(/#(\d+)$/.exec(today.title ?? "")?.[1]);
    clock.now = at(day, "10:00");
    await emu
      .interact({
        guildId: guild.id,
        user: member,
        type: "modal",
        customId: `question:submit:${number}`,
        components: [{ customId: "answer", value: "an answer" }],
      })
      .edited();
  }

  test("GIVEN a week of ticks THEN the digest goes out on Sunday only, right after its question, in each server's language, pinging nobody", async () => {
    // Last Sunday's digest, of an empty week.
    for (const time of ["09:00", "09:01"]) {
      clock.now = at("2026-11-29", time);
      await app.tick(clock.now);
    }
    expect(digestsIn(guild)).toHaveLength(1);
    // Ana answers each day's question Monday to Saturday: a streak of 6 on Sunday.
    for (let day = "2026-11-30"; day <= SUNDAY; day = addDays(day, 1)) {
      for (const time of ["08:59", "09:00", "09:01", "12:00"]) {
        clock.now = at(day, time);
        await app.tick(clock.now);
        if (time === "09:01" && day < SUNDAY) await answerToday(day);
      }
      if (day < SUNDAY) expect(digestsIn(guild), day).toHaveLength(1);
    }

    const digests = digestsIn(guild);
    expect(digests).toHaveLength(2);
    const messages = botMessages(guild);
    const digest = digests[1]!;
    const before = messages[messages.indexOf(digest) - 1]!;
    expect((before.embeds.at(-1) as Embed).title).toMatch(/^Question of the day/);
    const embed = firstEmbed(digest);
    expect(embed.title).toBe("Weekly digest · 2026-11-29 to 2026-12-05");
    expect(embed.description).toBe("1 member answered this week; 1 more than the week before (0).");
    const fields = Object.fromEntries((embed.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields["Top streaks"]).toBe(`**1.** <@${member.id}> · 6 days`);
    expect(fields["Reviews done"]).toBe("6 reviews this week.");
    expect(fields["Hardest question"]).toContain("at least 3 graded answers");

    const request = emu.requests.find(
      (r) => r.method === "POST" && (r.body as { nonce?: string }).nonce === digest.nonce,
    );
    expect(request?.body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(String(digest.nonce).length).toBeLessThanOrEqual(25);
    expect(digest.mentions).toEqual([]);

    expect(digestsIn(chinese).map((m) => firstEmbed(m).title)).toEqual([
      "每周回顾 · 2026-11-22 至 2026-11-28",
      "每周回顾 · 2026-11-29 至 2026-12-05",
    ]);
    expect(digestsIn(off)).toEqual([]);
    expect(botMessages(off)).toHaveLength(8);
  });

  test("GIVEN the bot restarts on Sunday after the digest THEN it posts no second one", async () => {
    await app.stop();
    clock.now = at(SUNDAY, "09:30");
    app = await startInProcessApp(emu, storeUrl, clock);
    await app.tick(clock.now);
    expect(digestsIn(guild)).toHaveLength(2);
    expect(digestsIn(chinese)).toHaveLength(2);
  });
});

describe("real bot processes on one store, real time", { timeout: 2 * (15_000 + 10_000) }, () => {
  const running: BotProcess[] = [];
  let storeUrl: string;

  beforeAll(async () => {
    storeUrl = await tempStoreUrl();
  });

  afterAll(async () => {
    await Promise.all(running.map((bot) => bot.stop()));
  });

  function start() {
    const bot = startBot({
      DISCORD_TOKEN: emu.token,
      DISCORD_API_URL: emu.apiUrl,
      STORE_URL: storeUrl,
      LOG_LEVEL: "info",
    });
    running.push(bot);
    return bot;
  }

  /** Due now (post time half an hour ago), with the digest on today's weekday in the server's zone. */
  async function digestDueNow(guild: GuildHandle) {
    await configureDueNow(storeUrl, guild);
    const store = await openStore(storeUrl);
    try {
      await store.guilds.update(guild.id, (s) => ({
        ...s,
        digestDay: DateTime.now().setZone(s.timeZone).weekday,
      }));
    } finally {
      await store.close();
    }
  }

  test("GIVEN a bot that was down at post time on the digest day THEN it posts the question then the digest on start; a restart posts nothing more", async () => {
    const guild = emu.addGuild({ name: "digest restarts" });
    await digestDueNow(guild);
    const first = start();
    await first.waitForLog("catch-up tick done");
    expect(botMessages(guild)).toHaveLength(2);
    expect(digestsIn(guild)).toEqual([botMessages(guild)[1]]);
    await first.stop();

    const second = start();
    await second.waitForLog("catch-up tick done");
    expect(botMessages(guild)).toHaveLength(2);
    await second.stop();
  });

  test("GIVEN two bot processes sharing one store start together THEN the server gets one digest", async () => {
    const guild = emu.addGuild({ name: "digest two processes" });
    await digestDueNow(guild);
    const [a, b] = [start(), start()];
    await Promise.all([a.waitForLog("catch-up tick done"), b.waitForLog("catch-up tick done")]);
    expect(digestsIn(guild)).toHaveLength(1);
    expect(botMessages(guild)).toHaveLength(2);
    const posted = [a, b].filter((bot) => bot.output().includes("weekly digest posted"));
    expect(posted).toHaveLength(1);
    await Promise.all([a.stop(), b.stop()]);
  });
});

test.runIf(Boolean(process.env.DISCORD_API_SPEC))(
  "GIVEN DISCORD_API_SPEC THEN every request was valid Discord",
  () => {
    expect(emu.specViolations).toEqual([]);
    expect(emu.unknownRoutes).toEqual([]);
  },
);
