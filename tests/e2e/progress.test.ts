import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../../src/app.js";
import {
  startEmulator,
  type Emulator,
  type GuildHandle,
  type MemberHandle,
} from "../../emulator/index.js";
import { deferredReply, startInProcessApp, type Clock } from "./harness.js";

const EPHEMERAL = 64;

let emu: Emulator;
let app: App;
let guild: GuildHandle;
let ada: MemberHandle; // reads Chinese
let bob: MemberHandle; // reads English
const clock: Clock = { now: 0 };
let carol: ReturnType<Emulator["addUser"]> | undefined; // shares no server with the bot
const stranger = () => (carol ??= emu.addUser({ username: "carol" }));

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  guild = emu.addGuild({ name: "Learners", preferredLocale: "en-US" });
  ada = emu.addMember(guild.id, { username: "ada", locale: "zh-CN" });
  bob = emu.addMember(guild.id, { username: "bob", locale: "en-US" });
  const dir = await mkdtemp(join(tmpdir(), "drill-progress-"));
  app = await startInProcessApp(emu, `sqlite://${join(dir, "drill.sqlite")}`, clock);
});

afterAll(async () => {
  await app?.stop();
  await emu?.close();
});

/** The member answers through the Answer modal, as the daily post's button opens it. */
async function answer(who: MemberHandle, question: number, text: string) {
  const reply = await deferredReply(
    emu.interact({
      guildId: guild.id,
      channelId: guild.channels.general,
      user: who,
      locale: who.locale,
      type: "modal",
      customId: `question:submit:${question}`,
      components: [{ customId: "answer", value: text }],
    }),
  );
  expect(reply.embeds?.length).toBeGreaterThan(0);
}

const progress = (who: MemberHandle, member?: MemberHandle) =>
  emu.interact({
    guildId: guild.id,
    channelId: guild.channels.general,
    user: who,
    locale: who.locale,
    type: "command",
    name: "progress",
    options: member ? [{ name: "member", type: 6, value: member.id }] : [],
  });

type Embed = {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  image?: { url: string };
};
const embedOf = (reply: { embeds?: unknown[] | null }) => (reply.embeds?.[0] ?? {}) as Embed;

/** The PNG the reply uploaded, as a member's client would load it. */
function uploadedPicture(since: number) {
  const upload = emu.requests
    .slice(since)
    .find((r) => r.method === "PATCH" && r.files.some((f) => f.filename === "progress.png"));
  const file = upload?.files.find((f) => f.filename === "progress.png");
  expect(file, "progress.png uploaded with the reply").toBeDefined();
  expect(file!.contentType).toBe("image/png");
  expect(file!.size).toBeLessThan(200 * 1024);
  return PNG.sync.read(file!.data);
}

describe("/progress over the wire", () => {
  test("GIVEN ada answered five questions THEN her /progress is private, in Chinese, with the chart attached", async () => {
    clock.now = Date.parse("2026-11-02T12:00:00Z");
    for (const question of [1, 2, 3, 4, 5]) await answer(ada, question, "数据 模型 训练 推理 部署");
    clock.now = Date.parse("2026-11-03T12:00:00Z");
    const since = emu.requests.length;
    const handle = progress(ada);
    const callback = await handle.callback();
    expect(callback).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    const reply = await handle.edited();
    const embed = embedOf(reply);
    expect(embed.title).toBe("ada 的学习进度");
    expect(embed.description).toMatch(new RegExp(`^<@${ada.id}>\\n已答 5/30 题 · 掌握度 \\d+%\\n`));
    expect(embed.description).toContain("**基础概念** · 已答 ");
    expect(embed.fields?.map((f) => f.name)).toEqual(["最弱主题", "未来 7 天待复习"]);
    expect(embed.fields?.[0]?.value).toMatch(/^复习 \d 道「.+」的题（掌握度 \d+%）。$/);
    expect(embed.fields?.[1]?.value).toMatch(/^今天 \*\*\d+\*\* · 周三 \*\*\d+\*\* · /);
    expect(embed.image).toEqual({ url: "attachment://progress.png" });
    const picture = uploadedPicture(since);
    expect(picture.width).toBe(560);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });

  test("GIVEN bob asks for ada's progress THEN he reads it in English, privately, without pinging her", async () => {
    const since = emu.requests.length;
    const handle = progress(bob, ada);
    expect(await handle.callback()).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    const reply = await handle.edited();
    const embed = embedOf(reply);
    expect(embed.title).toBe("Progress of ada");
    expect(embed.description).toMatch(
      new RegExp(`^<@${ada.id}>\\n5 of 30 questions answered · recall \\d+%\\n`),
    );
    expect(embed.description).toContain("**Fundamentals** · ");
    expect(embed.fields?.map((f) => f.name)).toEqual(["Weakest topic", "Reviews due, next 7 days"]);
    expect(embed.fields?.[1]?.value).toMatch(/^Today \*\*\d+\*\* · Wed \*\*\d+\*\* · /);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    uploadedPicture(since);
  });

  test("GIVEN bob has answered nothing THEN his own progress is all unanswered and suggests the first topic", async () => {
    const reply = await deferredReply(progress(bob));
    const embed = embedOf(reply);
    expect(embed.description).toMatch(/\n0 of 30 questions answered · recall 0%\n/);
    expect(embed.fields?.[0]?.value).toBe("Review 3 questions on Fundamentals (recall 0%).");
    expect(embed.fields?.[1]?.value).toBe(
      "Today **0** · Wed **0** · Thu **0** · Fri **0** · Sat **0** · Sun **0** · Mon **0**",
    );
  });

  test.each([
    [
      "the bot",
      "en-US",
      () => emu.botUserId,
      "Daily Drill is a bot: bots don't answer questions. Choose a member of this server.",
    ],
    [
      "someone outside the server",
      "zh-CN",
      () => stranger().id,
      "carol 不是这个服务器的成员。请选择这个服务器的成员。",
    ],
  ])(
    "GIVEN a member asks for the progress of %s THEN a private reply says whom to choose instead",
    async (_, locale, target, expected) => {
      const handle = emu.interact({
        guildId: guild.id,
        channelId: guild.channels.general,
        user: bob,
        locale,
        type: "command",
        name: "progress",
        options: [{ name: "member", type: 6, value: target() }],
      });
      expect(await handle.callback()).toMatchObject({
        type: 4,
        data: { content: expected, flags: EPHEMERAL },
      });
    },
  );

  test.runIf(Boolean(process.env.DISCORD_API_SPEC))(
    "GIVEN DISCORD_API_SPEC THEN every request was valid Discord",
    () => {
      expect(emu.specViolations).toEqual([]);
      expect(emu.unknownRoutes).toEqual([]);
    },
  );
});
