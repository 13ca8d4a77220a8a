// eslint-disable-next-line no-restricted-imports -- holds a raw write lock on the file beneath the store
import KeyvSqlite from "@keyv/sqlite";
import { afterAll, beforeAll, expect, test } from "vitest";
import enUS from "../../src/i18n/en-US.json" with { type: "json" };
import { openStore } from "../../src/store/open-store.js";
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
 * Another connection holds SQLite's write lock (BEGIN EXCLUSIVE) for 10 s while members answer
 * and ask /streak: answers wait or fail with the store message, a confirmed one is never lost,
 * a failed one leaves nothing behind, and /streak never shows zero for a member on a streak.
 */

const LOCK_MS = 10_000;
/** Answers sent while the lock is held, spread over it; more in the long form. */
const ANSWERS = rounds(12, 40);
const SAVED = /^Question (\d+): your answer, saved$/;

let emu: Emulator;
let guild: GuildHandle;
let members: MemberHandle[];
let storeUrl: string;
let bot: BotProcess | undefined;

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  guild = emu.addGuild({ name: "write lock" });
  members = Array.from({ length: 4 }, (_, i) =>
    emu.addMember(guild.id, { username: `w${i}`, locale: "en-US" }),
  );
  storeUrl = await tempStoreUrl();
});

afterAll(async () => {
  await bot?.stop();
  await emu?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Sent = { member: MemberHandle; question: number; handle: InteractionHandle };

function answer(member: MemberHandle, question: number): Sent {
  const handle = emu.interact({
    guildId: guild.id,
    user: member,
    type: "modal",
    customId: `question:submit:${question}`,
    components: [{ customId: "answer", value: `answer to ${question} by ${member.username}` }],
  });
  return { member, question, handle };
}

/** "saved", "store" (the store's message) or what else the member saw. */
async function outcome(sent: Sent): Promise<string> {
  const body = await sent.handle.edited(60_000);
  const title = (body.embeds?.[0] as { title?: string } | undefined)?.title ?? "";
  if (SAVED.test(title)) return "saved";
  if (body.content === enUS["error.store.answer"]) return "store";
  return JSON.stringify(body);
}

async function shownStreak(member: MemberHandle): Promise<string> {
  const handle = emu.interact({ guildId: guild.id, user: member, type: "command", name: "streak" });
  const callback = await handle.callback(20_000);
  const body = callback.type === 5 ? await handle.edited(20_000) : (callback.data ?? {});
  const embed = body.embeds?.[0] as { fields?: { name: string; value: string }[] } | undefined;
  const current = embed?.fields?.find((field) => field.name === "Current streak")?.value;
  return current ?? String(body.content);
}

test(`GIVEN another connection holding the write lock for 10 s THEN a burst as it is taken and ${ANSWERS} answers spread over it wait or fail clearly, none confirmed is lost, /streak never shows 0`, async () => {
  bot = startBot({
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.apiUrl,
    STORE_URL: storeUrl,
    LOG_LEVEL: "info",
  });
  await bot.waitForLog("catch-up tick done", 60_000);
  const [first] = members as [MemberHandle];
  expect(await outcome(answer(first, 1))).toBe("saved");
  expect(await shownStreak(first)).toMatch(/^1\b/);

  // Members keep answering as the lock is taken, so it lands in the middle of answers too.
  // Each member answers questions 2, 3, … in turn: every answer is a new question, so counts.
  const sent: Sent[] = [];
  const next = new Map(members.map((member) => [member, 2]));
  const answerNext = (member: MemberHandle) => {
    const question = next.get(member) ?? 2;
    next.set(member, question + 1);
    sent.push(answer(member, question));
  };
  const burst = async () => {
    for (let i = 0; i < 3; i++) {
      members.forEach(answerNext);
      await sleep(5);
    }
  };
  const bursting = burst();
  const lock = new KeyvSqlite({ uri: storeUrl, busyTimeout: 5_000 });
  await lock.query("BEGIN EXCLUSIVE");
  const lockedAt = Date.now();
  await bursting;

  const streaks: string[] = [];
  for (let i = 0; i < ANSWERS; i++) {
    const member = members[i % members.length] as MemberHandle;
    answerNext(member);
    if (i % 3 === 0) streaks.push(await shownStreak(first));
    await sleep(Math.max(0, lockedAt + ((i + 1) * LOCK_MS) / (ANSWERS + 1) - Date.now()));
  }
  await sleep(Math.max(0, lockedAt + LOCK_MS - Date.now()));
  await lock.query("ROLLBACK");
  await lock.disconnect();
  const heldMs = Date.now() - lockedAt;

  const outcomes = await Promise.all(sent.map(outcome));
  streaks.push(await shownStreak(first));
  const after = answer(first, 30);
  expect(await outcome(after)).toBe("saved");

  const saved = sent.filter((_, i) => outcomes[i] === "saved");
  const failed = sent.filter((_, i) => outcomes[i] === "store");
  console.log(
    `SQLite write lock fault: held ${heldMs} ms; ${sent.length} answers sent, ` +
      `${saved.length} confirmed (waited), ${failed.length} failed with the store message; ` +
      `/streak read ${streaks.length} times: ${streaks.join(", ")}`,
  );
  expect(heldMs).toBeGreaterThanOrEqual(LOCK_MS);
  expect(outcomes.filter((o) => o !== "saved" && o !== "store")).toEqual([]);
  expect(failed.length).toBeGreaterThan(0);
  expect(saved.length).toBeGreaterThan(0);
  for (const shown of streaks) expect(shown).toMatch(/^[1-9]/);

  await bot.stop();
  bot = undefined;
  const store = await openStore(storeUrl);
  try {
    for (const member of members) {
      const stored = await memberAnswers(storeUrl, guild.id, member.id);
      const ids = new Set(stored.flatMap((record) => record.recentIds));
      const mine = (list: Sent[]) => list.filter((s) => s.member === member);
      // Every confirmed answer is stored; an answer the member was told failed left nothing.
      expect(mine(saved).filter((s) => !ids.has(s.handle.id))).toEqual([]);
      expect(mine(failed).filter((s) => ids.has(s.handle.id))).toEqual([]);
      const confirmedHere = mine(saved).length + (member === first ? 2 : 0);
      const record = await store.members.get(guild.id, member.id);
      expect(record.totalAnswers).toBe(confirmedHere);
      expect(stored).toHaveLength(confirmedHere);
    }
    for (const question of new Set(sent.map((s) => s.question))) {
      expect(await store.participation.count(guild.id, question, 0), `question ${question}`).toBe(
        saved.filter((s) => s.question === question).length,
      );
    }
  } finally {
    await store.close();
  }
}, 120_000);
