import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commands } from "../../commands/index.js";
import type { App } from "../../src/app.js";
import { t } from "../../src/discord/i18n.js";
import { findQuestion, questionsWithTopic } from "../../src/domain/catalogue.js";
import { loadBuiltInCatalogue } from "../helpers/catalogue.js";
import { memberAnswers } from "../helpers/store-reads.js";
import {
  RefusedByClient,
  startEmulator,
  type Emulator,
  type GuildHandle,
  type InteractionHandle,
  type MemberHandle,
} from "../../emulator/index.js";
import type { SentMessageBody } from "../../emulator/types.js";
import { deferredReply, slash, startInProcessApp, type Clock } from "./harness.js";

/*
 * A whole mock interview through the real client: /question interview, then for each question
 * the Answer button, the modal, the feedback and Next, and the scorecard at the end. The member
 * takes six minutes over each answer, so the run lasts longer than an interaction token's 15
 * minutes (the emulator's clock moves with the bot's), and the bot restarts mid-run.
 */

const EPHEMERAL = 64;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let emu: Emulator;
let app: App;
let guild: GuildHandle;
let ada: MemberHandle; // reads Chinese
let bob: MemberHandle; // reads English
let storeUrl: string;
const clock: Clock = { now: Date.now() };
const catalogue = await loadBuiltInCatalogue();

/** The member takes `ms` (writing an answer, a night's sleep): the bot's and Discord's clocks move. */
function pass(ms: number) {
  clock.now += ms;
  emu.advanceClock(ms);
}

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  guild = emu.addGuild({ name: "Interviews", preferredLocale: "en-US" });
  ada = emu.addMember(guild.id, { username: "ada", locale: "zh-CN" });
  bob = emu.addMember(guild.id, { username: "bob", locale: "en-US" });
  storeUrl = `sqlite://${join(await mkdtemp(join(tmpdir(), "drill-interview-")), "drill.sqlite")}`;
  app = await startInProcessApp(emu, storeUrl, clock);
  // Registered as `npm run deploy` does, so the emulator applies the options' min and max.
  await app.client.rest.put(Routes.applicationGuildCommands(emu.applicationId, guild.id), {
    body: commands.map((command) => command.data),
  });
});

afterAll(async () => {
  await app?.stop();
  await emu?.close();
});

const interview = (member: MemberHandle, options: { count?: number; topic?: string } = {}) =>
  slash(emu, guild, member, "question", "interview", [
    ...(options.count === undefined ? [] : [{ name: "count", type: 4, value: options.count }]),
    ...(options.topic === undefined ? [] : [{ name: "topic", type: 3, value: options.topic }]),
  ]);

const click = (member: MemberHandle, customId: string, message: string) =>
  emu.interact({
    guildId: guild.id,
    channelId: guild.channels.general,
    user: member,
    type: "button",
    customId,
    message,
  });

const submit = (member: MemberHandle, customId: string, value: string) =>
  emu.interact({
    guildId: guild.id,
    channelId: guild.channels.general,
    user: member,
    type: "modal",
    customId,
    components: [{ customId: "answer", value }],
  });

type Embed = { title?: string; description?: string; footer?: { text: string } };
type Field = { name: string; value: string };
const embedOf = (body: SentMessageBody | undefined) =>
  (body?.embeds?.[0] ?? {}) as Embed & { fields?: Field[] };
const buttonsOf = (body: SentMessageBody | undefined) =>
  (body?.components ?? []).flatMap((row) =>
    (row["components"] as { label: string; custom_id: string }[]).map((b) => [
      b.label,
      b.custom_id,
    ]),
  );

/**
 * A question step as the member sees it: private, one Answer button. The opening one is
 * deferred (it reads the member's cards), a Next question answered at once.
 */
async function questionStep(handle: InteractionHandle) {
  const callback = await handle.callback();
  expect(callback.data?.flags).toBe(EPHEMERAL);
  expect(handle.ackMs).toBeLessThan(3000);
  const body = callback.type === 5 ? await handle.edited() : callback.data;
  const number = Number(/^第 (\d+) 题$/.exec(embedOf(body).title ?? "")?.[1]);
  expect(findQuestion(catalogue, number)).toBeDefined();
  const [answerButton] = buttonsOf(body);
  expect(answerButton?.[0]).toBe("作答");
  return { number, body, answerId: String(answerButton?.[1]), messageId: String(handle.reply?.id) };
}

describe("/question interview over the wire", () => {
  test("GIVEN a count outside 3–10 THEN Discord's client refuses it before the bot sees it", () => {
    expect(() => interview(ada, { count: 2 })).toThrow(RefusedByClient);
    expect(() => interview(ada, { count: 11 })).toThrow(RefusedByClient);
  });

  test("GIVEN a topic that does not exist THEN a clear private error, in the member's language", async () => {
    const handle = interview(bob, { topic: "no-such-topic" });
    expect((await handle.callback()).data?.flags).toBe(EPHEMERAL);
    expect((await deferredReply(handle)).content).toBe(
      t("en-US", "error.unknown-topic", { topic: "no-such-topic" }),
    );
  });

  test("GIVEN a topic with two questions and count 3 THEN the run asks both and says why, in English", async () => {
    const handle = interview(bob, { count: 3, topic: "hardware" });
    expect((await handle.callback()).data?.flags).toBe(EPHEMERAL);
    const reply = await deferredReply(handle);
    expect(reply.content?.split("\n")).toEqual([
      "**Mock interview**: 2 questions, the ones you recall least first. Answer each in your own words; only you see this run.",
      "You asked for 3: that is every question on this topic.",
    ]);
    const number = Number(/^Question (\d+)$/.exec(embedOf(reply).title ?? "")?.[1]);
    expect(questionsWithTopic(catalogue, "hardware").map((q) => q.number)).toContain(number);
    expect(embedOf(reply).footer?.text).toBe("Mock interview · question 1 of 2");
  });

  test("GIVEN a member with history THEN a whole run of 3, weakest first: answered in Chinese, in English and badly, across a restart, ends with the scorecard; answers and cards moved", async () => {
    // Three days ago ada answered question 9 badly and question 4 well (the usual Answer modal).
    for (const [number, text] of [
      [9, "不知道。"],
      [4, findQuestion(catalogue, 4)!["zh-CN"].answer],
    ] as const) {
      const answered = submit(ada, `question:submit:${number}`, text);
      expect((await answered.callback()).type).toBe(5);
      await answered.edited();
    }
    const before = await app.ctx.cards.ofMember(guild.id, ada.id);
    pass(3 * DAY);
    const started = clock.now;
    const opening = interview(ada, { count: 3 });
    let step = await questionStep(opening);
    expect(opening.reply?.content).toBe(
      "**模拟面试**：共 3 题，先考你记得最不牢的。请用自己的话逐题作答；只有你能看到这次面试。",
    );
    const asked: number[] = [];
    const answers = [
      (n: number) => findQuestion(catalogue, n)!["zh-CN"].answer,
      (n: number) => findQuestion(catalogue, n)!["en-US"].answer,
      () => "不太清楚。",
    ];
    const covered: number[] = [];
    let scorecard: SentMessageBody | undefined;
    for (const [index, answerOf] of answers.entries()) {
      asked.push(step.number);
      expect(embedOf(step.body).footer?.text).toBe(`模拟面试 · 第 ${index + 1} 题，共 3 题`);
      // The Answer button opens the usual modal, which submits to the interview.
      const opened = click(ada, step.answerId, step.messageId);
      const modal = await opened.callback();
      expect(modal.type).toBe(9);
      expect(modal.data).toMatchObject({
        title: `作答第 ${step.number} 题`,
        components: [{ components: [{ custom_id: "answer", required: true, max_length: 1000 }] }],
      });
      pass(6 * MINUTE);
      const text = answerOf(step.number);
      const submitted = submit(ada, String(modal.data?.custom_id), text);
      expect(await submitted.callback()).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
      let feedback = await submitted.edited();
      const embed = embedOf(feedback);
      expect(embed.title).toBe(`第 ${step.number} 题：你的答案已保存`);
      expect(embed.fields?.[0]).toEqual({ name: "你的答案", value: text });
      const points = embed.fields?.find((f) => f.name === "要点")?.value.split("\n") ?? [];
      expect(points).toHaveLength(findQuestion(catalogue, step.number)?.keyPoints?.length ?? -1);
      covered.push(points.filter((line) => line.startsWith("✓")).length);
      const labels = buttonsOf(feedback).map(([label]) => label);
      expect(labels.slice(0, 4)).toEqual(["重来", "困难", "良好", "简单"]);
      if (index === 0) {
        // Correcting the grade redraws the feedback and keeps the way on.
        const messageId = String(submitted.reply?.id);
        const corrected = click(ada, `question:grade:${step.number}-good`, messageId);
        expect((await corrected.callback()).type).toBe(6);
        feedback = await corrected.edited();
        expect(embedOf(feedback).fields?.find((f) => f.name === "你的评分")?.value).toBe("良好");
      }
      if (index === 1) {
        // A restart between two steps: the run lives in the buttons, not in the bot.
        await app.stop();
        app = await startInProcessApp(emu, storeUrl, clock);
      }
      if (index === answers.length - 1) {
        expect(labels).toEqual(["重来", "困难", "良好", "简单"]);
        scorecard = await submitted.followUp(0);
        break;
      }
      const [next] = buttonsOf(feedback).filter(([label]) => label === "下一题");
      expect(next?.[1]).toMatch(/^question:interview-next:/);
      pass(MINUTE);
      step = await questionStep(click(ada, String(next?.[1]), String(submitted.reply?.id)));
    }

    // The run lasted longer than a token lives: every step answered through its own token.
    expect(clock.now - started).toBeGreaterThan(15 * MINUTE);
    const refused = emu.requests.filter(
      (r) => r.at >= started && (r.path.includes("/webhooks/") || r.path.includes("/callback")),
    );
    expect(refused.filter((r) => r.status >= 400)).toEqual([]);
    expect(new Set(asked).size).toBe(3);
    // The weakest recall first (the bad answer), then the good one, then one never seen.
    expect(asked.slice(0, 2)).toEqual([9, 4]);
    expect(before.map((c) => c.question)).not.toContain(asked[2]);

    // The scorecard: n/m per question, the total, and the badly answered one to review.
    expect(scorecard?.flags).toBe(EPHEMERAL);
    const card = embedOf(scorecard);
    expect(card.title).toBe("模拟面试：你的成绩单");
    const totals = asked.map((n) => findQuestion(catalogue, n)?.keyPoints?.length ?? 0);
    expect(card.description?.split("\n")).toEqual(
      asked.map(
        (n, i) =>
          `${covered[i] === totals[i] ? "✓" : "✗"} 第 ${n} 题：答到 ${covered[i]}/${totals[i]} 个要点`,
      ),
    );
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const percent = Math.round((sum(covered) / sum(totals)) * 100);
    expect(card.fields?.[0]).toEqual({
      name: "合计",
      value: `答到 ${sum(covered)}/${sum(totals)} 个要点（${percent}%）`,
    });
    const review = card.fields?.[1]?.value
      .split("\n")
      .map((line) => Number(/^#(\d+)/.exec(line)?.[1]));
    expect(review).toEqual(asked.filter((_, i) => covered[i]! < totals[i]!));
    expect(review).toContain(asked[2]);

    // Each answer was stored like any answer: its text, its key points, one count each.
    const stored = await memberAnswers(storeUrl, guild.id, ada.id);
    for (const [i, number] of asked.entries()) {
      const record = stored.find((a) => a.question === number);
      expect(record?.text).toBe(answers[i]!(number));
      expect(record?.covered).toHaveLength(covered[i]!);
    }
    expect(stored.find((a) => a.question === asked[0])?.finalGrade).toBe("good");
    const member = await app.ctx.members.get(guild.id, ada.id);
    expect(member.totalAnswers).toBe(5);
    // And moved its card: a review on the day of the interview, on top of any earlier one.
    const after = await app.ctx.cards.ofMember(guild.id, ada.id);
    for (const number of asked) {
      const card = after.find((c) => c.question === number);
      const earlier = before.find((c) => c.question === number);
      expect(card?.reviewedAt).toBeGreaterThan(started);
      expect(card?.card.reps).toBe((earlier?.card.reps ?? 0) + 1);
    }
    expect(after.find((c) => c.question === asked[0])?.grade).toBe("good");
  });
});
