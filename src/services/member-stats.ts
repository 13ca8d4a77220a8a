import type { AppContext } from "../context.js";
import {
  activityCalendar,
  addDays,
  mondayOf,
  type CalendarGrid,
  type DayKey,
} from "../domain/calendar.js";
import { boardSpec, type Board } from "../domain/board.js";
import { DEFAULT_PAGE_SIZE } from "../domain/ranking.js";
import { isPostingDay } from "../domain/schedule.js";
import { recordActiveDay, restoreStreak, streakAsOf } from "../domain/streak.js";
import { dayKeyForAnswer, skippedDays } from "../domain/zone-history.js";
import { calendarWithDay, type CalendarRecord } from "../store/calendars.js";
import type { GuildSettings } from "../store/guild-settings.js";
import type { MemberRecord } from "../store/members.js";

export { BOARDS, type Board } from "../domain/board.js";

/** Days kept per member for the activity calendar: 12 weeks plus the current one. */
const RECENT_DAYS = 13 * 7;

/** Posting days count; days the schedule skips, or a zone change skipped, are rest days. */
export function postingDayTest(settings: GuildSettings): (day: DayKey) => boolean {
  const skipped = skippedDays(settings.zoneHistory);
  return (day) => isPostingDay(day, settings.days) && !skipped.has(day);
}

export const todayFor = (settings: GuildSettings, now: number) =>
  dayKeyForAnswer(settings.zoneHistory, now);

/**
 * The member's record after an answer at `at`: the day joins the streak, and when `counted`
 * (the first answer to this question today) the total and the week grow by one.
 */
export function memberAfterAnswer(
  settings: GuildSettings,
  current: MemberRecord,
  at: number,
  counted: boolean,
): MemberRecord {
  const day = todayFor(settings, at);
  const week = mondayOf(day);
  const add = counted ? 1 : 0;
  const weekAnswers = current.week.start === week ? current.week.answers + add : add;
  return {
    ...current,
    streak: recordActiveDay(current.streak, day, postingDayTest(settings)),
    totalAnswers: current.totalAnswers + add,
    week: { start: week, answers: weekAnswers },
    lastAnswerAt: Math.max(current.lastAnswerAt, at),
    left: false,
  };
}

/** The activity calendar after an answer at `at`; null when it already shows that day. */
export function calendarAfterAnswer(settings: GuildSettings, current: CalendarRecord, at: number) {
  const day = todayFor(settings, at);
  return calendarWithDay(current, day, addDays(day, 1 - RECENT_DAYS));
}

/** One page of a board as of `now` in the server's zone, and the caller's own rank. */
export function readBoard(
  ctx: AppContext,
  settings: GuildSettings,
  board: Board,
  pageIndex: number,
  callerId: string,
  now: number,
) {
  const spec = boardSpec(board, todayFor(settings, now), postingDayTest(settings));
  const { guildId } = settings;
  return ctx.members.board({ guildId, spec, pageIndex, pageSize: DEFAULT_PAGE_SIZE, callerId });
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
  const { page, caller } = await presentBoard(ctx, settings, "streak", 0, userId, now, false);
  return {
    current: streak.current,
    best: streak.best,
    freezes: streak.freezes,
    totalAnswers: member.totalAnswers,
    activeDays: member.streak.activeDays,
    rank: caller,
    boardSize: page.total,
    calendar: activityCalendar(await ctx.calendars.days(guildId, userId), today, 12),
  };
}

/**
 * How many members are on a streak today, for the daily post. Read from the store alone, with no
 * request to Discord per member: a leaver is excluded once known, at once with the Server Members
 * intent (GUILD_MEMBER_REMOVE), else once /streak or /leaderboard has checked them.
 */
export async function membersOnStreak(
  ctx: AppContext,
  settings: GuildSettings,
  now: number,
): Promise<number> {
  return (await readBoard(ctx, settings, "streak", 0, "", now)).page.total;
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

/** At most this many members above the caller are checked for a rank (10 board pages). */
export const MAX_CHECKED_ABOVE = 100;

/** Marks a member Discord says left; a member the store never saw is not written. */
export async function markLeft(ctx: AppContext, guildId: string, userId: string) {
  await ctx.members.update(guildId, userId, (member) =>
    member.rev === 0 || member.left ? null : { ...member, left: true },
  );
}

/**
 * A board read once the members it ranks above the caller (up to MAX_CHECKED_ABOVE), and those
 * on the page when `showsPage`, are known to be present: one who left is marked and the board
 * read again. /streak and /leaderboard both rank this way, so they give a member the same rank.
 * Presence is asked of Discord and remembered; with the Server Members intent
 * GUILD_MEMBER_REMOVE marks leavers as they go (markLeft) and keeps what is remembered true.
 */
async function presentBoard(
  ctx: AppContext,
  settings: GuildSettings,
  board: Board,
  pageIndex: number,
  callerId: string,
  now: number,
  showsPage: boolean,
) {
  const { guildId } = settings;
  for (;;) {
    const read = await readBoard(ctx, settings, board, pageIndex, callerId, now);
    const aboveCount = Math.min((read.caller?.rank ?? 1) - 1, MAX_CHECKED_ABOVE);
    const above =
      aboveCount > 0
        ? (
            await ctx.members.board({
              guildId,
              spec: boardSpec(board, todayFor(settings, now), postingDayTest(settings)),
              pageIndex: 0,
              pageSize: aboveCount,
              callerId,
            })
          ).page.items
        : [];
    const checked = [
      ...new Set([...(showsPage ? read.page.items : []), ...above].map((e) => e.userId)),
    ];
    const present = await Promise.all(
      checked.map((userId) =>
        // A check that fails (Discord down, rate limited) counts the member as present: a
        // leaver may show a while longer, but /streak and /leaderboard still answer.
        ctx.discord.isMember(guildId, userId).catch((error: unknown) => {
          ctx.log.warn(
            { err: error, guildId, userId },
            "could not check a member; counted present",
          );
          return true;
        }),
      ),
    );
    const gone = checked.filter((_, index) => !present[index]);
    if (gone.length === 0) return read;
    for (const userId of gone) await markLeft(ctx, guildId, userId);
  }
}

/**
 * One page of a board, and the caller's rank, after the members shown and those ranked above the
 * caller are checked with Discord (presentBoard): the board never lists someone who is gone.
 */
export async function leaderboardPage(
  ctx: AppContext,
  guildId: string,
  board: Board,
  pageIndex: number,
  callerId: string,
  now: number,
) {
  const settings = await ctx.guilds.get(guildId);
  const { page, caller } = await presentBoard(ctx, settings, board, pageIndex, callerId, now, true);
  return { shown: page, you: caller };
}
