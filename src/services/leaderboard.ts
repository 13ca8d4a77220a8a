import type { AppContext } from "../context.js";
import { boardSpec, type Board } from "../domain/board.js";
import { DEFAULT_PAGE_SIZE } from "../domain/ranking.js";
import type { GuildSettings } from "../store/guild-settings.js";
import { postingDayTest, todayFor } from "./server-days.js";

/** The board as of `now` in the server's zone, on its posting days. */
const boardAt = (settings: GuildSettings, board: Board, now: number) =>
  boardSpec(board, todayFor(settings, now), postingDayTest(settings));

/** One page of a board as of `now` in the server's zone, and the caller's own rank. */
export function readBoard(
  ctx: AppContext,
  settings: GuildSettings,
  board: Board,
  pageIndex: number,
  callerId: string,
  now: number,
) {
  const { guildId } = settings;
  const spec = boardAt(settings, board, now);
  return ctx.members.board({ guildId, spec, pageIndex, pageSize: DEFAULT_PAGE_SIZE, callerId });
}

/** At most this many members above the caller are checked for a rank (10 board pages). */
export const MAX_CHECKED_ABOVE = 100;

/**
 * How many members are on a streak today, for the daily post, by the rule /streak and
 * /leaderboard follow: a member who left is not counted. With the Server Members intent the
 * store already knows who left (GUILD_MEMBER_REMOVE); without it the members on the streak
 * board are checked with Discord first, at most MAX_CHECKED_ABOVE of them (the ones a board
 * would show first), each remembered as present for a while.
 */
export async function membersOnStreak(
  ctx: AppContext,
  settings: GuildSettings,
  now: number,
): Promise<number> {
  const spec = boardAt(settings, "streak", now);
  const { guildId } = settings;
  const pageSize = ctx.discord.reportsLeavers ? 1 : MAX_CHECKED_ABOVE;
  const present = new Set<string>();
  for (;;) {
    const { page } = await ctx.members.board({
      guildId,
      spec,
      pageIndex: 0,
      pageSize,
      callerId: "",
    });
    if (ctx.discord.reportsLeavers) return page.total;
    const unchecked = page.items.map((entry) => entry.userId).filter((id) => !present.has(id));
    const gone = await leaversAmong(ctx, guildId, unchecked);
    if (gone.length === 0) return page.total;
    for (const userId of unchecked) if (!gone.includes(userId)) present.add(userId);
    for (const userId of gone) await markLeft(ctx, guildId, userId);
  }
}

/**
 * The members Discord says are gone, of those given. A check that fails (Discord down, rate
 * limited) counts the member as present: a leaver may show a while longer, but the reader still
 * gets an answer.
 */
async function leaversAmong(ctx: AppContext, guildId: string, userIds: readonly string[]) {
  const present = await Promise.all(
    userIds.map((userId) =>
      ctx.discord.isMember(guildId, userId).catch((error: unknown) => {
        ctx.log.warn({ err: error, guildId, userId }, "could not check a member; counted present");
        return true;
      }),
    ),
  );
  return userIds.filter((_, index) => !present[index]);
}

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
export async function presentBoard(
  ctx: AppContext,
  settings: GuildSettings,
  board: Board,
  pageIndex: number,
  callerId: string,
  now: number,
  showsPage: boolean,
) {
  const { guildId } = settings;
  const spec = boardAt(settings, board, now);
  const readPage = (index: number, pageSize: number) =>
    ctx.members.board({ guildId, spec, pageIndex: index, pageSize, callerId });
  for (;;) {
    const read = await readPage(pageIndex, DEFAULT_PAGE_SIZE);
    const aboveCount = Math.min((read.caller?.rank ?? 1) - 1, MAX_CHECKED_ABOVE);
    const above = aboveCount > 0 ? (await readPage(0, aboveCount)).page.items : [];
    const checked = [
      ...new Set([...(showsPage ? read.page.items : []), ...above].map((e) => e.userId)),
    ];
    const gone = await leaversAmong(ctx, guildId, checked);
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
