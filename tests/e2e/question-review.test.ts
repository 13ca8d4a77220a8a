import { mkdtemp, rm } from "node:fs/promises";
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
import { deferredReply, slash, startInProcessApp, type Clock } from "./harness.js";

/*
 * `/question review` through the real client: the member's most overdue card privately, the
 * usual Answer modal moving it; with nothing due, when the next review is and a new question.
 */

const EPHEMERAL = 64;
const DAY = 86_400_000;
const FULL =
  "准确率、召回率、F1分数和AUC（曲线下面积）；不同场景适用不同标准，帮助选出最合适的模型。";

let emu: Emulator;
let app: App;
let dir: string;
let guild: GuildHandle;
let ada: MemberHandle; // reads Chinese
let bob: MemberHandle; // reads English
const clock: Clock = { now: Date.parse("2026-12-01T09:00:00Z") };

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  guild = emu.addGuild({ name: "Review", preferredLocale: "en-US" });
  ada = emu.addMember(guild.id, { username: "ada", locale: "zh-CN" });
  bob = emu.addMember(guild.id, { username: "bob", locale: "en-US" });
  dir = await mkdtemp(join(tmpdir(), "drill-review-"));
  app = await startInProcessApp(emu, `sqlite://${join(dir, "drill.sqlite")}`, clock);
});

afterAll(async () => {
  await app?.stop();
  await emu?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const base = (member: MemberHandle) => ({
  guildId: guild.id,
  channelId: guild.channels.general,
  user: member,
  locale: member.locale,
});
const review = (member: MemberHandle) => slash(emu, guild, member, "question", "review");
const click = (member: MemberHandle, customId: string) =>
  emu.interact({ ...base(member), type: "button", customId });
const submit = (member: MemberHandle, number: number, value: string) =>
  emu.interact({
    ...base(member),
    type: "modal",
    customId: `question:submit:${number}`,
    components: [{ customId: "answer", value }],
  });

type Reply = {
  content?: string;
  flags?: number | null;
  embeds?: { title?: string }[] | null;
  components?: { components: { custom_id: string }[] }[] | null;
};
async function reviewOf(member: MemberHandle): Promise<Reply> {
  const handle = review(member);
  expect((await handle.callback()).data?.flags).toBe(EPHEMERAL);
  return (await deferredReply(handle)) as Reply;
}
const buttonsOf = (reply: Reply) =>
  reply.components?.[0]?.components.map((button) => button.custom_id) ?? [];
const offered = (reply: Reply) => Number(/(\d+)$/.exec(buttonsOf(reply)[0] ?? "")?.[1]);
const at = (epochMs: number) => `<t:${Math.floor(epochMs / 1000)}:R>`;
const cardOf = (member: MemberHandle, number: number) =>
  app.ctx.cards.get(guild.id, member.id, number);

describe("/question review over the wire", () => {
  test("GIVEN a member with no cards THEN they are told how review works and offered a question, privately", async () => {
    const reply = await reviewOf(bob);
    expect(reply.content).toBe(
      "Nothing to review yet. Answer questions (the daily one, or /question ask) and each comes back here when you are about to forget it.\nMeanwhile, a question you have not seen yet:",
    );
    expect(buttonsOf(reply)).toEqual([
      `question:answer:${offered(reply)}`,
      `question:reveal:${offered(reply)}`,
    ]);
    const zh = await reviewOf(ada);
    expect(zh.content).toContain("还没有要复习的题目");
  });

  test("GIVEN an answer and a Reveal today THEN nothing is due today: the next review's time, and an unseen question", async () => {
    await submit(bob, 9, FULL).edited();
    await click(bob, "question:reveal:3").callback();
    const revealed = await cardOf(bob, 3);
    const answered = await cardOf(bob, 9);
    expect([revealed?.grade, answered?.grade]).toEqual(["again", "easy"]);
    const reply = await reviewOf(bob);
    const next = Math.min(revealed!.card.due, answered!.card.due);
    expect(reply.content).toBe(
      `Nothing to review today. Your next review is due ${at(next)}.\nMeanwhile, a question you have not seen yet:`,
    );
    expect([3, 9]).not.toContain(offered(reply));
  });

  test("GIVEN weeks later THEN the most overdue card is shown with the count; answering it in the modal moves it", async () => {
    clock.now += 30 * DAY;
    const revealed = (await cardOf(bob, 3))!;
    const reply = await reviewOf(bob);
    expect(reply.content).toBe(
      `2 reviews due today; this is the most overdue (due ${at(revealed.card.due)}). Answer from memory, then compare with the reference.`,
    );
    expect(reply.embeds?.[0]?.title).toBe("Review · question #3");
    expect(buttonsOf(reply)).toEqual(["question:answer:3", "question:reveal:3"]);

    const modal = await click(bob, "question:answer:3").callback();
    expect(modal).toMatchObject({ type: 9, data: { custom_id: "question:submit:3" } });
    const answer = submit(bob, 3, "不知道");
    expect(await answer.callback()).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    await answer.edited();
    const moved = (await cardOf(bob, 3))!;
    expect(moved.reviewedAt).toBe(clock.now);
    expect(moved.card.reps).toBe(revealed.card.reps + 1);
    expect(moved.card.due).toBeGreaterThan(clock.now);

    const after = await reviewOf(bob);
    expect(after.content).toMatch(/^1 review due today/);
    expect(after.embeds?.[0]?.title).toBe("Review · question #9");
  });

  test("GIVEN a Chinese member with a card due THEN the review reads in Chinese", async () => {
    await submit(ada, 9, "不知道").edited();
    clock.now += 5 * DAY;
    const reply = await reviewOf(ada);
    expect(reply.content).toMatch(/^今天有 1 道题待复习/);
    expect(reply.embeds?.[0]?.title).toBe("复习 · 第 9 题");
  });
});
