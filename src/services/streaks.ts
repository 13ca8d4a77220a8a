import type { AppContext } from "../context.js";
import { activityCalendar } from "../domain/calendar.js";
import type { MemberStats } from "../domain/member-stats.js";
import { restoreStreak, streakAsOf } from "../domain/streak.js";
import { presentBoard } from "./leaderboard.js";
import { postingDayTest, todayFor } from "./server-days.js";

/** A member's streak, totals, rank on the streak board and activity calendar, as of `now`. */
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
