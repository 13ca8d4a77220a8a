import { createHash } from "node:crypto";
import type { AppContext } from "../context.js";
import { addDays, type DayKey } from "../domain/calendar.js";
import { findQuestion } from "../domain/catalogue.js";
import { languageFor } from "../domain/locale.js";
import type { PostFailure } from "../domain/post-failure.js";
import {
  digestWeeks,
  hardestQuestion,
  membersActiveIn,
  TOP_STREAKS,
  weekInstants,
  weekMostMissed,
  type QuestionGrades,
  type WeeklyDigest,
} from "../domain/weekly-digest.js";
import type { DigestPost } from "../store/digest-posts.js";
import type { GuildSettings } from "../store/guild-settings.js";
import { presentBoard } from "./leaderboard.js";
import { claimServerDay } from "./day-claim.js";
import { backoffMs } from "./post-daily-question.js";

export type DigestOutcome =
  | { kind: "posted"; messageId: string }
  | { kind: "already-posted"; messageId: string | null }
  | { kind: "in-progress" }
  | { kind: "waiting"; retryAt: number }
  | { kind: "retry"; retryAt: number; reason: PostFailure }
  | { kind: "fatal"; code: number; reason: string }
  | { kind: "not-configured" };

/**
 * As the daily post's nonceFor, per server and digest day (one a week): "d" (never a daily
 * nonce, which starts with "q"), the day, and 16 hex digits of a hash of server and day; 25
 * characters, the API's limit.
 */
export const digestNonceFor = (guildId: string, day: DayKey) =>
  `d${day.replaceAll("-", "")}${createHash("sha256").update(`digest:${guildId}:${day}`).digest("hex").slice(0, 16)}`;

/** The daily questions posted in the week (first…last), each once, from the posts' records. */
async function weekQuestions(ctx: AppContext, guildId: string, first: DayKey, last: DayKey) {
  const days: DayKey[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  const posts = await Promise.all(days.map((day) => ctx.posts.get(guildId, day)));
  return [...new Set(posts.flatMap((post) => (post?.status === "sent" ? [post.number] : [])))];
}

/**
 * What the digest of local day `day` says. Reads: every member's calendar row of the server (one
 * key range), the streak board's first page, the week's seven post records, and for each of the
 * week's questions its participation rows and the answers given in the week.
 */
export async function weeklyDigest(
  ctx: AppContext,
  settings: GuildSettings,
  day: DayKey,
  now: number,
): Promise<WeeklyDigest> {
  const { guildId } = settings;
  const { week, previous } = digestWeeks(day);
  const { from, to } = weekInstants(week, settings.zoneHistory);
  const [calendars, board, numbers, reviews] = await Promise.all([
    ctx.calendars.daysOfServer(guildId),
    presentBoard(ctx, settings, "streak", 0, "", now, true),
    weekQuestions(ctx, guildId, week.first, week.last),
    ctx.cards.reviewsBetween(guildId, from, to),
  ]);
  const questions: QuestionGrades[] = [];
  // One question at a time: at most one question's answers are held at once.
  for (const number of numbers) {
    const answers = await ctx.answers.gradedBetween(guildId, number, from, to);
    questions.push({ number, keyPoints: findQuestion(ctx.catalogue, number)?.keyPoints, answers });
  }
  return {
    week,
    answered: membersActiveIn(calendars, week),
    answeredBefore: membersActiveIn(calendars, previous),
    topStreaks: board.page.items
      .slice(0, TOP_STREAKS)
      .map(({ userId, value }) => ({ userId, value })),
    hardest: hardestQuestion(questions),
    mostMissed: weekMostMissed(questions),
    reviews,
  };
}

/** Claims the digest day for this process, or says why not (src/services/day-claim.ts). */
function claimDigest(ctx: AppContext, guildId: string, day: DayKey) {
  return claimServerDay(ctx, ctx.digests, guildId, day, (now) =>
    Promise.resolve({
      guildId,
      day,
      nonce: digestNonceFor(guildId, day),
      claimant: ctx.instanceId,
      claimedAt: now,
      attempts: 1,
      retryAt: 0,
      status: "claimed" as const,
      messageId: null,
      sentAt: null,
    }),
  );
}

/**
 * Keeps the claim and tries again after the backoff. The digest never pauses the server or
 * records an error on it: the daily post, not the digest, decides those.
 */
async function retryLater(
  ctx: AppContext,
  post: DigestPost,
  reason: PostFailure,
  detail: object,
): Promise<DigestOutcome> {
  const retryAt = ctx.now() + backoffMs(post.attempts);
  await ctx.digests.replace(post, { ...post, retryAt });
  ctx.log.warn(
    { guildId: post.guildId, day: post.day, reason, retryAt, ...detail },
    "weekly digest not sent; will retry",
  );
  return { kind: "retry", retryAt, reason };
}

/**
 * Posts the weekly digest of local day `day` to the daily channel exactly once, as the daily
 * post is: the day is claimed before anything is sent, and the message carries a per-server,
 * per-week nonce with enforce_nonce.
 */
export async function postWeeklyDigest(
  ctx: AppContext,
  settings: GuildSettings,
  day: DayKey,
  now: number,
): Promise<DigestOutcome> {
  const channelId = settings.channelId;
  if (!channelId) return { kind: "not-configured" };
  const claimed = await claimDigest(ctx, settings.guildId, day);
  if (!claimed.post) return claimed.outcome;
  const post = claimed.post;

  const check = await ctx.discord.checkChannel(settings.guildId, channelId);
  if (!check.ok) return retryLater(ctx, post, check.reason, { code: check.code });
  const lang = settings.language ?? languageFor(ctx.discord.guildLocale(settings.guildId));
  const digest = await weeklyDigest(ctx, settings, day, now);
  const sent = await ctx.discord.postDigest(channelId, { digest, lang, nonce: post.nonce });
  switch (sent.kind) {
    case "fatal":
      await ctx.digests.release(post.guildId, day);
      return { kind: "fatal", code: sent.code, reason: sent.reason };
    case "paused":
      return retryLater(ctx, post, sent.reason, { code: sent.code });
    case "retry-later":
      return retryLater(ctx, post, sent.reason, { err: sent.cause });
    case "posted":
      break;
  }
  if (sent.channelId !== channelId) {
    // Another message of the bot's had this nonce: not the digest, never recorded as it.
    return retryLater(ctx, post, { code: "nonce-taken" }, { returned: sent });
  }
  const { messageId } = sent;
  if (!(await ctx.digests.replace(post, { ...post, status: "sent", messageId, sentAt: now }))) {
    ctx.log.warn({ guildId: post.guildId, day }, "digest claim was taken over while sending");
  }
  await ctx.guilds.update(post.guildId, (s) => ({
    ...s,
    lastDigest: { day, channelId, messageId, at: now },
  }));
  ctx.log.info({ guildId: post.guildId, day, messageId }, "weekly digest posted");
  return { kind: "posted", messageId };
}
