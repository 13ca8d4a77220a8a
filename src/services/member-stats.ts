import type { AppContext } from "../context.js";
import {
  activityCalendar,
  addDays,
  isoWeekdayOf,
  type CalendarGrid,
  type DayKey,
} from "../domain/calendar.js";
import { page, rankMembers, rankOf, type RankedEntry } from "../domain/ranking.js";
import { isPostingDay } from "../domain/schedule.js";
import { recordActiveDay, restoreStreak, streakAsOf } from "../domain/streak-state.js";
import { dayKeyForAnswer, skippedDays } from "../domain/zone-history.js";
import type { GuildSettings } from "../store/guild-settings.js";
import type { MemberRecord } from "../store/members.js";

export const BOARDS = ["streak", "best", "answers", "week"] as const;
export type Board = (typeof BOARDS)[number];

/** Days kept per member for the activity calendar: 12 weeks plus the current one. */
const RECENT_DAYS = 13 * 7;

/** Posting days count; days the schedule skips, or a zone change skipped, are rest days. */
export function postingDayTest(settings: GuildSettings): (day: DayKey) => boolean {
  const skipped = skippedDays(settings.zoneHistory);
  return (day) => isPostingDay(day, settings.days) && !skipped.has(day);
}

export const todayFor = (settings: GuildSettings, now: number) =>
  dayKeyForAnswer(settings.zoneHistory, now);
const mondayOf = (day: DayKey) => addDays(day, 1 - isoWeekdayOf(day));

/** Counts an answer given at `at` toward the member's streak; safe under any concurrency. */
export async function recordActivity(ctx: AppContext, guildId: string, userId: string, at: number) {
  const settings = await ctx.guilds.get(guildId);
  const day = todayFor(settings, at);
  const isPosting = postingDayTest(settings);
  const week = mondayOf(day);
  const member = await ctx.members.update(guildId, userId, (current) => ({
    ...current,
    streak: recordActiveDay(current.streak, day, isPosting),
    totalAnswers: current.totalAnswers + 1,
    week: { start: week, answers: current.week.start === week ? current.week.answers + 1 : 1 },
    lastAnswerAt: at,
    left: false,
  }));
  await ctx.calendars.addDay(guildId, userId, day, addDays(day, 1 - RECENT_DAYS));
  // After the member row, so a board cached under the old version is never reused.
  ctx.boardCache.wrote(guildId, await ctx.boards.bump(guildId), member);
  return member;
}

function boardValue(
  member: MemberRecord,
  board: Board,
  today: DayKey,
  isPosting: (d: DayKey) => boolean,
): number {
  switch (board) {
    case "streak":
      return streakAsOf(member.streak, today, isPosting).current;
    case "best":
      return streakAsOf(member.streak, today, isPosting).best;
    case "answers":
      return member.totalAnswers;
    case "week":
      return member.week.start === mondayOf(today) ? member.week.answers : 0;
  }
}

/** The whole ranked board from the server's member index; members with nothing to show are left out. */
export async function rankedBoard(
  ctx: AppContext,
  guildId: string,
  board: Board,
  now: number,
): Promise<RankedEntry[]> {
  const settings = await ctx.guilds.get(guildId);
  const today = todayFor(settings, now);
  const isPosting = postingDayTest(settings);
  // The version is read before the rows, so rows newer than it can be cached, never older ones.
  const version = await ctx.boards.version(guildId);
  const cached = await ctx.boardCache.members(guildId, version, today, () =>
    ctx.members.listGuild(guildId),
  );
  const hit = cached.ranked.get(board);
  if (hit) return hit;
  const entries = [...cached.members]
    .filter((member) => !member.left)
    .map((member) => ({
      userId: member.userId,
      value: boardValue(member, board, today, isPosting),
      lastActiveDay: member.streak.lastDay,
    }))
    .filter((entry) => entry.value > 0);
  const ranked = rankMembers(entries);
  cached.ranked.set(board, ranked);
  return ranked;
}

export type MemberStats = {
  current: number;
  best: number;
  freezes: number;
  totalAnswers: number;
  activeDays: number;
  rank: { rank: number; value: number } | null;
  /** Members on the streak board, for "#3 of 12". */
  boardSize: number;
  calendar: CalendarGrid;
};

export async function memberStats(
  ctx: AppContext,
  guildId: string,
  userId: string,
  now: number,
): Promise<MemberStats> {
  const settings = await ctx.guilds.get(guildId);
  const today = todayFor(settings, now);
  const member = await ctx.members.get(guildId, userId);
  const streak = streakAsOf(member.streak, today, postingDayTest(settings));
  const board = await rankedBoard(ctx, guildId, "streak", now);
  return {
    current: streak.current,
    best: streak.best,
    freezes: streak.freezes,
    totalAnswers: member.totalAnswers,
    activeDays: member.streak.activeDays,
    rank: rankOf(board, userId),
    boardSize: board.length,
    calendar: activityCalendar(await ctx.calendars.days(guildId, userId), today, 12),
  };
}

/** How many members are on a streak today, for the daily post. */
export async function membersOnStreak(
  ctx: AppContext,
  guildId: string,
  now: number,
): Promise<number> {
  return (await rankedBoard(ctx, guildId, "streak", now)).length;
}

/** An admin's undo of the member's last reset; null when there is nothing to restore. */
export async function restoreMemberStreak(
  ctx: AppContext,
  guildId: string,
  userId: string,
  now: number,
) {
  const settings = await ctx.guilds.get(guildId);
  const today = todayFor(settings, now);
  let change: { from: number; to: number } | null = null;
  await ctx.members.update(guildId, userId, (member) => {
    const restored = restoreStreak(member.streak, today, postingDayTest(settings));
    change = restored && { from: restored.from, to: restored.to };
    return restored ? { ...member, streak: restored.state } : null;
  });
  return change as { from: number; to: number } | null;
}

/**
 * One page of a board. Members shown are checked with Discord first: one who left is marked
 * and the page is ranked again, so the board never lists someone who is gone.
 */
export async function leaderboardPage(
  ctx: AppContext,
  guildId: string,
  board: Board,
  pageIndex: number,
  callerId: string,
  now: number,
) {
  for (;;) {
    const ranked = await rankedBoard(ctx, guildId, board, now);
    const shown = page(ranked, pageIndex);
    const present = await Promise.all(
      shown.items.map((entry) => ctx.daily.isMember(guildId, entry.userId)),
    );
    const gone = shown.items.filter((_, index) => !present[index]);
    if (gone.length === 0) return { shown, you: rankOf(ranked, callerId) };
    for (const entry of gone) {
      await ctx.members.update(guildId, entry.userId, (member) => ({ ...member, left: true }));
    }
    await ctx.boards.bump(guildId);
  }
}
