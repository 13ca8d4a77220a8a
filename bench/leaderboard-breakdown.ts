import Keyv from "keyv";
import type { AppContext } from "../src/context.js";
import { rankMembers } from "../src/domain/ranking.js";
import { streakAsOf } from "../src/domain/streak-state.js";
import { postingDayTest, rankedBoard, todayFor } from "../src/services/member-stats.js";
import type { MemberRecord } from "../src/store/members.js";
import { measure, printTable } from "./harness.js";

const RUNS = 15;
const WARMUP = 2;

/**
 * Where the time of one board read goes, step by step, on the same server: each step is timed
 * alone on inputs prepared beforehand, so the rows add up to about the whole rankedBoard.
 */
export async function leaderboardBreakdown(
  ctx: AppContext,
  guildId: string,
  readRows: () => Promise<{ value: string }[]>,
  now: number,
): Promise<void> {
  const rows = await readRows();
  const members = rows.map((row) => (JSON.parse(row.value) as { value: MemberRecord }).value);
  const settings = await ctx.guilds.get(guildId);
  const today = todayFor(settings, now);
  const isPosting = postingDayTest(settings);
  const entries = members.map((member) => ({
    userId: member.userId,
    value: streakAsOf(member.streak, today, isPosting).current,
    lastActiveDay: member.streak.lastDay,
  }));
  const keyv = new Keyv();
  const size = `${members.length / 1000}k`;

  const step = (name: string, work: () => unknown) =>
    measure(name, () => Promise.resolve(work()), RUNS, WARMUP);
  const baseline = await step("raw range read + JSON.parse", async () =>
    (await readRows()).map((row) => JSON.parse(row.value) as unknown),
  );
  const samples = [
    await step("1. SQL range query alone (rows as text)", readRows),
    await step("2a. JSON.parse of the rows", () =>
      rows.map((row) => JSON.parse(row.value) as unknown),
    ),
    await step("2b. Keyv's deserializer on the rows", () =>
      Promise.all(rows.map((row) => keyv.deserializeData(row.value))),
    ),
    await step("3. streakAsOf for every member", () =>
      members.map((member) => streakAsOf(member.streak, today, isPosting).current),
    ),
    await step("4. rankMembers (sort)", () => rankMembers(entries)),
    await step("store: ctx.members.listGuild", () => ctx.members.listGuild(guildId)),
    await step('whole: rankedBoard "streak"', () => rankedBoard(ctx, guildId, "streak", now)),
  ];
  printTable(`Where a ${size}-member board read goes (each step alone)`, baseline, samples);
}
