import { afterAll, beforeAll, expect, test } from "vitest";
import { dayKeyIn } from "../../src/domain/schedule.js";
import { boardSpec } from "../../src/domain/board.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import type { AnswerRecord } from "../../src/store/answers.js";
import { startBot, tempStoreUrl, type BotProcess } from "../e2e/bot-process.js";
import {
  startEmulator,
  type Emulator,
  type GuildHandle,
  type InteractionHandle,
  type MemberHandle,
} from "../../emulator/index.js";
import { rounds } from "./fault-rounds.js";
import { memberAnswers } from "../helpers/store-reads.js";

/*
 * kill -9 while members submit answers: the bot is a real process against the emulator (which
 * lives in this test's process), restarted after each kill on the same SQLite file. Every
 * answer a member saw confirmed must be in the store, and no answer may count twice.
 */

const ROUNDS = rounds(5, 20);
const MEMBERS = 5;
/** Few questions, so members answer the same one again on the same day. */
const QUESTIONS = [1, 2, 3];
const SAVED = /^Question \d+: your answer, saved$/;

type Submit = {
  member: MemberHandle;
  question: number;
  text: string;
  sentAt: number;
  /** When the reply came, or when the bot was killed with this one unanswered. */
  endAt: number;
  handle: InteractionHandle;
  confirmed: boolean;
};

let emu: Emulator;
let guild: GuildHandle;
let members: MemberHandle[];
let storeUrl: string;
const running: BotProcess[] = [];

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  guild = emu.addGuild({ name: "kill -9" });
  members = Array.from({ length: MEMBERS }, (_, i) =>
    emu.addMember(guild.id, { username: `m${i}`, locale: "en-US" }),
  );
  storeUrl = await tempStoreUrl();
});

afterAll(async () => {
  await Promise.all(running.map((bot) => bot.kill()));
  await emu?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const utcDay = (at: number) => dayKeyIn(at, "UTC");

/**
 * One member submitting answers one after another (the next once the last is answered) until
 * `killed` settles; their submits are in the order the bot commits them.
 */
async function submitUntil(member: MemberHandle, killed: Promise<number>, log: Submit[]) {
  let stop = false;
  void killed.then(() => (stop = true));
  while (!stop) {
    const question = QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)] ?? 1;
    const text = `${member.username} answer ${log.length}`;
    const handle = emu.interact({
      guildId: guild.id,
      user: member,
      type: "modal",
      customId: `question:submit:${question}`,
      components: [{ customId: "answer", value: text }],
    });
    const submit: Submit = {
      ...{ member, question, text, sentAt: Date.now(), endAt: 0, handle, confirmed: false },
    };
    log.push(submit);
    const reply = handle.edited(30_000).then(
      (body) => ({ body, at: Date.now() }),
      () => null,
    );
    const outcome = await Promise.race([reply, killed.then(() => null)]);
    if (!outcome) {
      submit.endAt = await killed;
      break;
    }
    submit.endAt = outcome.at;
    const title = (outcome.body.embeds?.[0] as { title?: string } | undefined)?.title ?? "";
    submit.confirmed = SAVED.test(title);
    expect(submit.confirmed, `reply to ${text}: ${JSON.stringify(outcome.body)}`).toBe(true);
    await sleep(Math.random() * 30);
  }
}

test(`GIVEN ${ROUNDS} rounds of kill -9 while ${MEMBERS} members submit answers THEN no confirmed answer is lost and none counts twice`, async () => {
  const submits: Submit[] = [];
  let kills = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const bot = startBot({
      DISCORD_TOKEN: emu.token,
      DISCORD_API_URL: emu.apiUrl,
      STORE_URL: storeUrl,
      LOG_LEVEL: "info",
    });
    running.push(bot);
    await bot.waitForLog("catch-up tick done", 60_000);
    let markKilled!: (at: number) => void;
    const killed = new Promise<number>((resolve) => (markKilled = resolve));
    const logs = members.map(() => [] as Submit[]);
    const submitting = members.map((member, i) => submitUntil(member, killed, logs[i] ?? []));
    await sleep(100 + Math.random() * 1_400);
    await bot.kill();
    kills++;
    running.splice(running.indexOf(bot), 1);
    // A reply the emulator had already taken in still counts as seen by the member.
    await sleep(50);
    markKilled(Date.now());
    await Promise.all(submitting);
    submits.push(...logs.flat());
  }

  const store = await openStore(storeUrl);
  try {
    const figures = await check(store, submits);
    console.log(
      `kill -9 fault: ${ROUNDS} rounds, ${kills} kills, ${submits.length} answers submitted, ` +
        `${figures.confirmed} confirmed, ${figures.lost} lost, ${figures.doubleCounted} counted twice`,
    );
    expect(kills).toBe(ROUNDS);
    expect(figures.confirmed).toBeGreaterThan(ROUNDS * MEMBERS);
    expect(figures.problems).toEqual([]);
    expect(figures.lost).toBe(0);
    expect(figures.doubleCounted).toBe(0);
  } finally {
    await store.close();
  }
}, 600_000);

/**
 * Compares the store with what the members did. Per member the commits follow the submits'
 * order, so the record of a question keeps the last of its committed submits and the ids of
 * the last ten; every confirmed submit was committed.
 */
async function check(store: Store, submits: Submit[]) {
  const problems: string[] = [];
  let lost = 0;
  let doubleCounted = 0;
  const answeredBy = new Map<number, number>();
  for (const member of members) {
    const mine = submits.filter((s) => s.member === member);
    const records = await memberAnswers(storeUrl, guild.id, member.id);
    const stored = new Map<number, AnswerRecord>(records.map((r) => [r.question, r]));
    const committed: Submit[] = [];
    for (const question of QUESTIONS) {
      const sent = mine.filter((s) => s.question === question);
      const confirmed = sent.filter((s) => s.confirmed);
      const record = stored.get(question);
      if (!record) {
        lost += confirmed.length;
        continue;
      }
      answeredBy.set(question, (answeredBy.get(question) ?? 0) + 1);
      const order = record.recentIds.map((id) => sent.findIndex((s) => s.handle.id === id));
      if (
        order.some((index) => index < 0) ||
        order.some((index, i) => index <= (order[i - 1] ?? -1))
      ) {
        problems.push(`${member.username} q${question}: recent ids out of submit order`);
      }
      // Every confirmed submit after the oldest id still remembered must be remembered.
      const from = record.recentIds.length < 10 ? 0 : (order[0] ?? 0);
      const remembered = new Set(record.recentIds);
      lost += confirmed.filter(
        (s, _) => sent.indexOf(s) >= from && !remembered.has(s.handle.id),
      ).length;
      const latest = sent.find((s) => s.handle.id === record.id);
      if (record.id !== record.recentIds.at(-1) || latest?.text !== record.text) {
        problems.push(
          `${member.username} q${question}: the stored text is not the latest commit's`,
        );
      }
      if (record.attempts < confirmed.length) lost += confirmed.length - record.attempts;
      if (record.attempts > sent.length) doubleCounted += record.attempts - sent.length;
      committed.push(...sent.filter((s) => s.confirmed || remembered.has(s.handle.id)));
    }
    // One count per question per UTC day (the server's zone): at least the pairs of the submits
    // known to be committed, at most the pairs of every submit.
    const pairs = (list: Submit[], days: (s: Submit) => string[]) =>
      new Set(list.flatMap((s) => days(s).map((day) => `${s.question}@${day}`))).size;
    const sure = (s: Submit) => (utcDay(s.sentAt) === utcDay(s.endAt) ? [utcDay(s.sentAt)] : []);
    const member_ = await store.members.get(guild.id, member.id);
    const atLeast = pairs(committed, sure);
    const atMost = pairs(mine, (s) => [utcDay(s.sentAt), utcDay(s.endAt)]);
    if (member_.totalAnswers > atMost) doubleCounted += member_.totalAnswers - atMost;
    if (member_.totalAnswers < atLeast) lost += atLeast - member_.totalAnswers;
    // Committed together: the board and the calendar agree with the member's record.
    const spec = boardSpec("answers", utcDay(Date.now()), () => true);
    const board = await store.members.board({
      guildId: guild.id,
      spec,
      pageIndex: 0,
      pageSize: 10,
      callerId: member.id,
    });
    if (records.length > 0 && board.caller?.value !== member_.totalAnswers) {
      problems.push(
        `${member.username}: board ${board.caller?.value}, member ${member_.totalAnswers}`,
      );
    }
    const days = await store.calendars.days(guild.id, member.id);
    for (const record of records) {
      if (!days.includes(utcDay(record.at)))
        problems.push(`${member.username}: calendar misses a day`);
    }
  }
  for (const question of QUESTIONS) {
    const counted = await store.participation.count(guild.id, question, 0);
    if (counted !== (answeredBy.get(question) ?? 0)) {
      problems.push(
        `q${question}: participation ${counted}, answered by ${answeredBy.get(question)}`,
      );
    }
  }
  const confirmed = submits.filter((s) => s.confirmed).length;
  return { confirmed, lost, doubleCounted, problems };
}
