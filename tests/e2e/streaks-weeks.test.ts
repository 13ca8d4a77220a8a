import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../../src/app.js";
import { mulberry32 } from "../../src/domain/rotation.js";
import { computeStreak } from "../helpers/reference-streak.js";
import { plusDays, weekdays } from "../helpers/streak-histories.js";
import {
  startEmulator,
  type Emulator,
  type GuildHandle,
  type MemberHandle,
} from "../../emulator/index.js";
import { deferredReply, slash, startInProcessApp, type Clock } from "./harness.js";
import { Permission } from "../../emulator/permissions.js";

/*
 * A team of six on a weekday schedule in Tokyo plays five weeks of answers and misses (some
 * answer twice a day, some on weekends, some drop out), all through the emulator. At three
 * points, every number /streak and /leaderboard show is compared with computeStreak over the
 * days each member answered: the whole-history walk, not the stored checkpoint or the SQL
 * board the bot reads.
 */

const ZONE = "Asia/Tokyo";
const FIRST = "2026-10-05"; // a Monday
const DAYS = 35;
const CHECKPOINTS = new Set([13, 24, DAYS - 1]); // day indexes after which everything is read
/** How likely each member is to answer on a posting day; a quarter of that on a weekend. */
const DILIGENCE = [0.97, 0.9, 0.8, 0.6, 0.45, 0.25];

let emu: Emulator;
let app: App;
let guild: GuildHandle;
let team: MemberHandle[];
const clock: Clock = { now: 0 };
/** Noon in Tokyo on `day`, plus `minutes`. */
const tokyo = (day: string, minutes = 0) => Date.parse(`${day}T03:00:00Z`) + minutes * 60_000;

type Played = { days: Set<string>; answers: number };
const played = new Map<string, Played>();

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  guild = emu.addGuild({ name: "Five weeks", preferredLocale: "en-US" });
  team = DILIGENCE.map((_, i) => emu.addMember(guild.id, { username: `t${i}`, locale: "en-US" }));
  for (const member of team) played.set(member.id, { days: new Set(), answers: 0 });
  const admin = emu.addMember(guild.id, {
    username: "admin",
    locale: "en-US",
    permissions: Permission.ManageGuild,
  });
  const dir = await mkdtemp(join(tmpdir(), "drill-weeks-"));
  // Days before the first answer: a zone change makes the new zone's first, partial date a rest
  // day, which the plain weekday rule below does not know about.
  clock.now = tokyo(FIRST) - 3 * 86_400_000;
  app = await startInProcessApp(emu, `sqlite://${join(dir, "drill.sqlite")}`, clock);
  for (const [sub, value] of [
    ["timezone", ZONE],
    ["days", "weekdays"],
  ] as const) {
    const reply = await deferredReply(
      slash(emu, guild, admin, "config", sub, [{ name: "value", type: 3, value }]),
    );
    expect(reply.content).toMatch(/^Saved\./);
  }
});

afterAll(async () => {
  await app?.stop();
  await emu?.close();
});

async function answer(member: MemberHandle, at: number) {
  clock.now = at;
  const reply = await deferredReply(
    emu.interact({
      guildId: guild.id,
      user: member,
      type: "modal",
      customId: "question:submit:7",
      components: [{ customId: "answer", value: "mixed precision, gradient checkpointing" }],
    }),
  );
  expect(reply.embeds?.[0]).toMatchObject({ title: "Question 7: your answer, saved" });
}

/** What the rules say, computed apart from the bot's store: the walk over every answered day. */
function expected(today: string) {
  const rows = team.map((member) => {
    const { days, answers } = played.get(member.id) as Played;
    const streak = computeStreak({ activeDays: days, isPostingDay: weekdays, today });
    return { id: member.id, ...streak, answers };
  });
  const rankBy = (value: (row: (typeof rows)[number]) => number) => {
    const on = rows
      .filter((row) => value(row) > 0)
      .sort(
        (a, b) =>
          value(b) - value(a) ||
          (a.lastActiveDay ?? "~").localeCompare(b.lastActiveDay ?? "~") ||
          (a.id < b.id ? -1 : 1),
      );
    return on.map((row) => ({
      id: row.id,
      value: value(row),
      rank: 1 + on.filter((other) => value(other) > value(row)).length,
    }));
  };
  return {
    rows,
    streak: rankBy((row) => row.current),
    best: rankBy((row) => row.best),
    answers: rankBy((row) => row.answers),
  };
}

type Embed = { description?: string; fields?: { name: string; value: string }[] };
const embedOf = (reply: { embeds?: unknown[] | null }) => (reply.embeds?.[0] ?? {}) as Embed;
const leadingNumber = (text: string | undefined) => Number(/^#?(\d+)/.exec(text ?? "")?.[1]);

async function shownStreak(member: MemberHandle) {
  const reply = await deferredReply(
    emu.interact({ guildId: guild.id, user: member, type: "command", name: "streak" }),
  );
  const fields = Object.fromEntries((embedOf(reply).fields ?? []).map((f) => [f.name, f.value]));
  const rank = fields["Rank in this server"];
  return {
    current: leadingNumber(fields["Current streak"]),
    best: leadingNumber(fields["Best streak"]),
    answers: leadingNumber(fields["Total answers"]),
    freezes: leadingNumber(fields["Freezes held"]),
    rank: rank === "not ranked yet" ? null : rank,
  };
}

async function shownBoard(by: string) {
  const reply = await deferredReply(
    emu.interact({
      guildId: guild.id,
      user: team[0] as MemberHandle,
      type: "command",
      name: "leaderboard",
      options: [{ name: "by", type: 3, value: by }],
    }),
  );
  return (embedOf(reply).description ?? "")
    .split("\n")
    .map((line) => /^\*\*(\d+)\.\*\* <@(\d+)> · (\d+) /.exec(line))
    .filter((match) => match !== null)
    .map(([, rank, id, value]) => ({ id, value: Number(value), rank: Number(rank) }));
}

describe("five weeks of a team, checked against the rules", () => {
  test("GIVEN random answers and misses THEN every /streak and /leaderboard number matches computeStreak", async () => {
    const rand = mulberry32(20261005);
    let checked = 0;
    let submitted = 0;
    for (let index = 0; index < DAYS; index++) {
      const day = plusDays(FIRST, index);
      for (const [i, member] of team.entries()) {
        const chance = (DILIGENCE[i] ?? 0) * (weekdays(day) ? 1 : 0.25);
        if (rand() >= chance) continue;
        const times = rand() < 0.2 ? 2 : 1;
        for (let n = 0; n < times; n++) await answer(member, tokyo(day, 10 * i + n));
        submitted += times;
        const record = played.get(member.id) as Played;
        record.days.add(day);
        // Question 7 again on the same day replaces the answer without counting again.
        record.answers += 1;
      }
      if (!CHECKPOINTS.has(index)) continue;
      // Read the next morning (today is still open, yesterday's misses count), and as if
      // nobody answered for two and four days more: misses that spend freezes or reset.
      for (const ahead of [1, 3, 5]) {
        const today = plusDays(day, ahead);
        clock.now = tokyo(today, -180);
        const want = expected(today);
        for (const member of team) {
          const row = want.rows.find((r) => r.id === member.id);
          const ranked = want.streak.find((r) => r.id === member.id);
          expect(await shownStreak(member), `${member.id} on ${today}`).toEqual({
            current: row?.current,
            best: row?.best,
            answers: row?.answers,
            freezes: row?.freezes,
            rank: ranked ? `#${ranked.rank} of ${want.streak.length}` : null,
          });
        }
        for (const board of ["streak", "best", "answers"] as const) {
          expect(await shownBoard(board), `${board} on ${today}`).toEqual(want[board]);
        }
        checked++;
      }
    }
    expect(checked).toBe(3 * CHECKPOINTS.size);
    // The run exercised what it is meant to: many answers, some submitted twice on one day,
    // resets, freezes spent and held.
    const answered = [...played.values()].reduce((sum, p) => sum + p.answers, 0);
    expect(answered).toBeGreaterThan(100);
    expect(submitted - answered).toBeGreaterThan(10);
    const final = expected(plusDays(FIRST, DAYS));
    expect(final.rows.some((row) => row.lastReset !== null)).toBe(true);
    expect(final.rows.some((row) => row.freezes > 0)).toBe(true);
    expect(final.rows.some((row) => row.frozenDays.length > 0)).toBe(true);
  });

  test.runIf(Boolean(process.env.DISCORD_API_SPEC))(
    "GIVEN DISCORD_API_SPEC THEN every request was valid Discord",
    () => {
      expect(emu.specViolations).toEqual([]);
      expect(emu.unknownRoutes).toEqual([]);
    },
  );
});
