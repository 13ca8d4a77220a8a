import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../../src/app.js";
import type { GuildSettings } from "../../src/store/guild-settings.js";
import {
  startEmulator,
  type Emulator,
  type GuildHandle,
  type MemberHandle,
} from "../../emulator/index.js";
import { Permission } from "../../emulator/permissions.js";
import { deferredReply, slash, startInProcessApp, type Clock } from "./harness.js";

/*
 * A Chinese-speaking admin reads why posting stopped, and why their input was refused, in
 * Chinese: reasons are stored as codes and rendered through the i18n table.
 */

const POST_TIME = Date.parse("2026-11-30T09:00:00Z");
/** Two English words in a row: a sentence (or part of one) that was not translated. */
const ENGLISH = /[A-Za-z]{2,}[\s,]+[A-Za-z]{2,}/;

let emu: Emulator;
let app: App;
let guild: GuildHandle;
let admin: MemberHandle;
const clock: Clock = { now: POST_TIME };

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  guild = emu.addGuild({ name: "学习小组", preferredLocale: "zh-CN" });
  admin = emu.addMember(guild.id, {
    username: "wang",
    locale: "zh-CN",
    permissions: Permission.ManageGuild,
  });
  const dir = await mkdtemp(join(tmpdir(), "drill-lang-"));
  app = await startInProcessApp(emu, `sqlite://${join(dir, "drill.sqlite")}`, clock);
});

afterAll(async () => {
  await app?.stop();
  await emu?.close();
});

const config = (sub: string, value?: string) =>
  deferredReply(
    slash(emu, guild, admin, "config", sub, value ? [{ name: "value", type: 3, value }] : []),
  );

async function shown() {
  const reply = await config("show");
  const fields = (reply.embeds?.[0] as { fields: { name: string; value: string }[] }).fields;
  return Object.fromEntries(fields.map((f) => [f.name, f.value]));
}

async function dueNow(change: Partial<GuildSettings> = {}) {
  await app.ctx.guilds.update(guild.id, (s) => ({
    ...s,
    channelId: guild.channels.general,
    time: "09:00",
    timeZone: "UTC",
    enabled: true,
    pause: null,
    lastError: null,
    ...change,
  }));
}

describe("a zh-CN admin", () => {
  test("GIVEN the post paused for a missing permission THEN /config show says why in Chinese, naming the permission", async () => {
    await dueNow();
    emu.setChannelPermissions(guild.channels.general, [
      { id: guild.botRoleId, type: 0, deny: Permission.SendMessages },
    ]);
    await app.tick(POST_TIME);
    emu.setChannelPermissions(guild.channels.general, []);
    const status = (await shown())["状态"];
    expect(status).toMatch(/^已暂停：我在该频道缺少 发送消息 权限。/);
    expect(status).not.toMatch(ENGLISH);
  });

  test("GIVEN Discord kept failing with 503 THEN the last error is shown in Chinese", async () => {
    await dueNow();
    emu.forceChannelError(guild.channels.general, {
      status: 503,
      code: 0,
      message: "Service Unavailable",
    });
    clock.now = POST_TIME + 86_400_000;
    await app.tick(clock.now);
    emu.forceChannelError(guild.channels.general, null);
    const error = (await shown())["最近的错误"];
    expect(error).toBe("Discord 返回了 HTTP 503");
  });

  test("GIVEN a pause stored by the old version as an English sentence THEN it still reads, rendered in Chinese", async () => {
    await dueNow({
      pause: { code: 50013, reason: "missing permissions: Embed Links", at: 0 },
      lastError: { message: "Discord answered 500", at: 0 },
    } as unknown as Partial<GuildSettings>);
    const fields = await shown();
    expect(fields["状态"]).toMatch(/^已暂停：我在该频道缺少 嵌入链接 权限。/);
    expect(fields["最近的错误"]).toBe("旧版本记录的原因（英文）：Discord answered 500");
    expect((await app.ctx.guilds.get(guild.id)).pause?.reason).toEqual({
      code: "missing-permissions",
      missing: ["EmbedLinks"],
    });
  });

  test.each([
    ["timezone", "new york", "“new york”不是完整的时区名称。请使用 IANA 名称 America/New_York"],
    ["timezone", "UTC+5", "“UTC+5”不是时区名称。"],
    ["time", "24:00", "“24:00”：小时必须在 00 到 23 之间。"],
    ["days", "8", "“8”不是有效的星期编号"],
  ])("GIVEN /config %s %j THEN the hint comes in Chinese", async (sub, value, expected) => {
    const reply = await config(sub, value);
    expect(reply.content).toContain(expected);
  });

  test("GIVEN days autocomplete THEN the presets are named in Chinese and keep values the parser reads", async () => {
    const callback = await emu
      .interact({
        guildId: guild.id,
        user: admin,
        locale: admin.locale,
        type: "autocomplete",
        name: "config",
        options: [
          {
            type: 1,
            name: "days",
            options: [{ name: "value", type: 3, value: "", focused: true }],
          },
        ],
      })
      .callback();
    const choices = callback.data?.choices ?? [];
    expect(choices.slice(0, 3)).toEqual([
      { name: "每天", value: "every day" },
      { name: "工作日（周一至周五）", value: "weekdays" },
      { name: "周末（周六、周日）", value: "weekends" },
    ]);
    for (const choice of choices) expect(choice.name).not.toMatch(ENGLISH);
  });
});
