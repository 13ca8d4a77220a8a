import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../../src/app.js";
import {
  startEmulator,
  type Emulator,
  type GuildHandle,
  type MemberHandle,
} from "../../emulator/index.js";
import { Permission } from "../../emulator/permissions.js";
import { deferredReply, slash, startInProcessApp, type Clock } from "./harness.js";

const EPHEMERAL = 64;
// Asia/Shanghai has no DST: 07:30 local is 23:30 UTC the day before.
const localMorning = (day: string) => Date.parse(`${day}T07:30:00+08:00`);

type Server = { guild: GuildHandle; admin: MemberHandle; member: MemberHandle };
const START = Date.parse("2026-11-30T00:00:00Z");

let emu: Emulator;
let app: App;
/** Each describe block below has a server of its own (see `use`), so no block needs another. */
let servers: Record<"settings" | "shown" | "posting", Server>;
let guild: GuildHandle;
let admin: MemberHandle;
let member: MemberHandle;
const clock: Clock = { now: START };

function addServer(): Server {
  const guild = emu.addGuild({ name: "学习小组", preferredLocale: "zh-CN" });
  const admin = emu.addMember(guild.id, {
    username: "admin",
    locale: "en-US",
    permissions: Permission.ManageGuild,
  });
  return { guild, admin, member: emu.addMember(guild.id, { username: "lin", locale: "zh-CN" }) };
}

/** Points the helpers below at one server and sets the clock back to START. */
const use = (name: keyof typeof servers) => () => {
  ({ guild, admin, member } = servers[name]);
  clock.now = START;
};

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  // Added before the bot logs in: its READY already holds them all.
  servers = { settings: addServer(), shown: addServer(), posting: addServer() };
  const dir = await mkdtemp(join(tmpdir(), "drill-daily-"));
  app = await startInProcessApp(emu, `sqlite://${join(dir, "drill.sqlite")}`, clock);
});

afterAll(async () => {
  await app?.stop();
  await emu?.close();
});

const config = (who: MemberHandle, sub: string, value?: string | number, type = 3) =>
  deferredReply(
    slash(
      emu,
      guild,
      who,
      "config",
      sub,
      value === undefined ? [] : [{ name: "value", type, value }],
    ),
  );

const posts = () =>
  emu.messages(guild.channels.general).filter((m) => m.author.id === emu.botUserId);

/** What an admin's /config steps leave: #general, 07:30 in Asia/Shanghai, weekdays, on. */
async function configureAsAdmin() {
  const replies = [
    await config(admin, "channel", guild.channels.general, 7),
    await config(admin, "time", "7:30"),
    await config(admin, "timezone", "asia/shanghai"),
    await config(admin, "days", "weekdays"),
    await config(admin, "enable"),
  ];
  for (const reply of replies) expect(reply.content).toMatch(/^Saved\./);
}

describe("/config", () => {
  beforeAll(use("settings"));

  test("GIVEN a member without Manage Server THEN changing a setting is refused and nothing changes", async () => {
    const before = await app.ctx.guilds.get(guild.id);
    const reply = await deferredReply(
      slash(emu, guild, member, "config", "time", [{ name: "value", type: 3, value: "06:00" }]),
    );
    expect(reply).toMatchObject({
      flags: EPHEMERAL,
      content: "只有拥有“管理服务器”权限的成员才能修改这些设置。",
    });
    expect(await app.ctx.guilds.get(guild.id)).toEqual(before);
  });

  test("GIVEN an admin sets each value THEN each is saved and confirmed privately", async () => {
    expect((await config(admin, "channel", guild.channels.general, 7)).content).toBe(
      `Saved. The question of the day goes to <#${guild.channels.general}>.`,
    );
    expect((await config(admin, "time", "7:30")).content).toBe(
      "Saved. Posting time is now 07:30 (UTC).",
    );
    expect((await config(admin, "timezone", "asia/shanghai")).content).toBe(
      "Saved. Time zone is now Asia/Shanghai; posting time stays 07:30.",
    );
    expect((await config(admin, "days", "weekdays")).content).toBe(
      "Saved. Posting days are now: weekdays (Mon–Fri).",
    );
    expect((await config(admin, "enable")).content).toMatch(
      /^Saved\. The question of the day is on\. Next post: .*Asia\/Shanghai.*<t:\d+:R>/,
    );
    expect(await app.ctx.guilds.get(guild.id)).toMatchObject({
      channelId: guild.channels.general,
      time: "07:30",
      timeZone: "Asia/Shanghai",
      days: [1, 2, 3, 4, 5],
      enabled: true,
    });
  });

  test.each([
    ["time", "25:00", /“25:00”: the hour must be 00 to 23\. Use 24-hour HH:MM, for example 07:30/],
    [
      "timezone",
      "UTC+5",
      /“UTC\+5” is not a time zone name\. Use an IANA name such as Europe\/Berlin/,
    ],
    ["timezone", "Mars/Olympus", /“Mars\/Olympus” is not a time zone name/],
    ["days", "funday", /“funday” is not a set of days/],
  ])(
    "GIVEN %s %s THEN it is refused with an example and nothing saved changes",
    async (sub, value, message) => {
      const before = await app.ctx.guilds.get(guild.id);
      const reply = await config(admin, sub, value);
      expect(reply.content).toMatch(message);
      expect(await app.ctx.guilds.get(guild.id)).toEqual(before);
    },
  );

  test("GIVEN a channel the bot cannot send in THEN the missing permission is named and the old channel kept", async () => {
    emu.setChannelPermissions(guild.channels.announcements, [
      { id: guild.botRoleId, type: 0, deny: Permission.SendMessages },
    ]);
    const before = await app.ctx.guilds.get(guild.id);
    const reply = await config(admin, "channel", guild.channels.announcements, 7);
    expect(reply.content).toContain("I am missing Send Messages");
    expect((await app.ctx.guilds.get(guild.id)).channelId).toBe(before.channelId);
  });

  test("GIVEN timezone autocomplete THEN IANA names with their offset are offered", async () => {
    const callback = await emu
      .interact({
        guildId: guild.id,
        user: admin,
        type: "autocomplete",
        name: "config",
        options: [
          {
            type: 1,
            name: "timezone",
            options: [{ name: "value", type: 3, value: "berl", focused: true }],
          },
        ],
      })
      .callback();
    expect(callback.data?.choices?.[0]).toEqual({
      name: expect.stringMatching(/^Europe\/Berlin \(UTC\+0[12]:00\)$/),
      value: "Europe/Berlin",
    });
  });
});

describe("/config show", () => {
  beforeAll(async () => {
    use("shown")();
    await configureAsAdmin();
  });

  test("GIVEN /config show THEN settings, the next post (local and relative) and the last post are listed", async () => {
    const reply = await config(admin, "show");
    const fields = Object.fromEntries(
      (reply.embeds?.[0] as { fields: { name: string; value: string }[] }).fields.map((f) => [
        f.name,
        f.value,
      ]),
    );
    expect(fields).toMatchObject({
      Status: "on",
      Channel: `<#${guild.channels.general}>`,
      Schedule: "07:30 (Asia/Shanghai), weekdays (Mon–Fri)",
      "Next post": expect.stringMatching(/^2026-11-30 07:30 \(Asia\/Shanghai\), <t:\d+:R>$/),
      "Last post": "none yet",
    });
    expect(reply.flags).toBe(EPHEMERAL);
  });
});

// One server's week, day by day: each test is the day after the one before it.
describe("the daily post", { shuffle: false }, () => {
  beforeAll(async () => {
    use("posting")();
    await configureAsAdmin();
  });

  test("GIVEN the post time THEN the question arrives in the channel with its buttons and a thread, once", async () => {
    for (const offset of [-60_000, 0, 60_000, 3_600_000])
      await app.tick(localMorning("2026-11-30") + offset);
    const [post, ...others] = posts();
    expect(others).toEqual([]);
    expect(post?.embeds[0]).toMatchObject({
      title: expect.stringMatching(/^每日一题 · 第 \d+ 题$/),
    });
    const buttons = (post?.components[0] as { components: { custom_id: string }[] }).components.map(
      (b) => b.custom_id,
    );
    expect(buttons).toEqual([
      expect.stringMatching(/^question:answer:\d+$/),
      expect.stringMatching(/^question:reveal:\d+$/),
    ]);
    expect(post?.thread).toMatchObject({ name: expect.stringMatching(/^第 \d+ 题讨论$/) });
  });

  test("GIVEN a member answered THEN the next day's post reveals the answer and says how many answered", async () => {
    const yesterday = posts()[0]!;
    const number = Number(/第 (\d+) 题/.exec(String(yesterday.embeds[0]?.title))?.[1]);
    const submit = emu.interact({
      guildId: guild.id,
      user: member,
      type: "modal",
      customId: `question:submit:${number}`,
      components: [{ customId: "answer", value: "我的答案" }],
      message: yesterday.id,
    });
    await deferredReply(submit);
    clock.now = localMorning("2026-12-01");
    await app.tick(clock.now);
    const today = posts()[1]!;
    expect(today.embeds[0]).toMatchObject({
      title: `上一题（第 ${number} 题）的答案`,
      description: expect.stringContaining("共有 1 位成员作答。"),
    });
    expect(today.embeds[1]?.title).not.toBe(yesterday.embeds[0]?.title);
  });

  test("GIVEN the bot loses Send Messages THEN the post is paused, shown in /config show, and resumes after the fix", async () => {
    emu.setChannelPermissions(guild.channels.general, [
      { id: guild.botRoleId, type: 0, deny: Permission.SendMessages },
    ]);
    clock.now = localMorning("2026-12-02");
    await app.tick(clock.now);
    expect(posts()).toHaveLength(2);
    const shown = await config(admin, "show");
    const status = (shown.embeds?.[0] as { fields: { name: string; value: string }[] }).fields[0]
      ?.value;
    expect(status).toMatch(/^paused: I'm missing Send Messages in the channel\. Fix it, then run/);

    const refused = await config(admin, "channel", guild.channels.general, 7);
    expect(refused.content).toContain("I am missing Send Messages");
    emu.setChannelPermissions(guild.channels.general, []);
    expect((await config(admin, "channel", guild.channels.general, 7)).content).toContain("Saved.");
    await app.tick(clock.now + 60_000);
    expect(posts()).toHaveLength(3);
  });

  test("GIVEN Discord answers 50013 despite the cache THEN the server is paused without retries", async () => {
    emu.forceChannelError(guild.channels.general, {
      status: 403,
      code: 50013,
      message: "Missing Permissions",
    });
    clock.now = localMorning("2026-12-03");
    const before = emu.requests.length;
    await app.tick(clock.now);
    await app.tick(clock.now + 60_000);
    const attempts = emu.requests
      .slice(before)
      .filter(
        (r) => r.method === "POST" && r.path === `/channels/${guild.channels.general}/messages`,
      );
    expect(attempts).toHaveLength(1);
    expect((await app.ctx.guilds.get(guild.id)).pause).toMatchObject({ code: 50013 });
    emu.forceChannelError(guild.channels.general, null);
    await config(admin, "enable");
    await app.tick(clock.now + 120_000);
    expect(posts()).toHaveLength(4);
  });

  test("GIVEN post-now THEN today's question goes out at once and counts as today's post", async () => {
    clock.now = localMorning("2026-12-04") - 3_600_000;
    const reply = await config(admin, "post-now");
    expect(reply.content).toMatch(
      /^Posted today's question: https:\/\/discord\.com\/channels\/\d+\/\d+\/\d+\. It counts as today's post\.$/,
    );
    await app.tick(localMorning("2026-12-04"));
    expect(posts()).toHaveLength(5);
    expect((await config(admin, "post-now")).content).toMatch(
      /^Today's question was already posted/,
    );
  });

  test("GIVEN a weekend THEN nothing is posted", async () => {
    await app.tick(localMorning("2026-12-05"));
    await app.tick(localMorning("2026-12-06"));
    expect(posts()).toHaveLength(5);
  });

  test.runIf(Boolean(process.env.DISCORD_API_SPEC))(
    "GIVEN DISCORD_API_SPEC THEN every request was valid Discord",
    () => {
      expect(emu.specViolations).toEqual([]);
      expect(emu.unknownRoutes).toEqual([]);
    },
  );
});
