import { mostMissedPoint } from "../domain/most-missed.js";
import { createHash } from "node:crypto";
import type { AppContext, SendOutcome } from "../context.js";
import { findQuestion } from "../domain/catalogue.js";
import type { DayKey } from "../domain/calendar.js";
import { languageFor } from "../domain/locale.js";
import type { PostFailure } from "../domain/post-failure.js";
import { nextQuestion } from "../domain/rotation.js";
import type { DailyPost } from "../store/daily-posts.js";
import type { GuildSettings } from "../store/guild-settings.js";
import { membersOnStreak } from "./leaderboard.js";
import { claimServerDay } from "./day-claim.js";
import { endOfDayFor } from "./server-days.js";

export { CLAIM_LEASE_MS } from "./day-claim.js";
const MAX_BACKOFF_MS = 30 * 60_000;

export type PostOutcome =
  | { kind: "posted"; messageId: string; number: number }
  | { kind: "already-posted"; messageId: string | null }
  | { kind: "in-progress" }
  | { kind: "waiting"; retryAt: number }
  | { kind: "paused"; code: number; reason: PostFailure }
  | { kind: "retry"; retryAt: number; reason: PostFailure }
  /** The bot token is dead: only the operator can help. The reason is for the operator's log. */
  | { kind: "fatal"; code: number; reason: string }
  | { kind: "not-configured" };

/**
 * Discord turns a repeated enforce_nonce into the earlier message for a few minutes, per author
 * and across channels: the nonce must name the server as well as the day, or servers due in the
 * same minutes get each other's post. At most 25 characters (the API's limit): "q", the day,
 * and 16 hex digits of a hash of server and day.
 */
export const nonceFor = (guildId: string, day: DayKey) =>
  `q${day.replaceAll("-", "")}${createHash("sha256").update(`${guildId}:${day}`).digest("hex").slice(0, 16)}`;

export const backoffMs = (attempts: number) =>
  Math.min(60_000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

/** Claims the day for this process, with the question the rotation picks next. */
function claimDay(ctx: AppContext, settings: GuildSettings, day: DayKey) {
  return claimServerDay(ctx, ctx.posts, settings.guildId, day, async (now) => {
    const rotation = await ctx.rotation.get(settings.guildId);
    const step = nextQuestion({
      bank: ctx.catalogue.questions,
      posted: rotation.posted,
      previous: rotation.previous ?? undefined,
      cycle: rotation.cycle,
      seed: settings.guildId,
    });
    if (!step) return null;
    return {
      guildId: settings.guildId,
      day,
      number: step.number,
      cycle: step.cycle,
      posted: step.posted,
      nonce: nonceFor(settings.guildId, day),
      claimant: ctx.instanceId,
      claimedAt: now,
      attempts: 1,
      retryAt: 0,
      status: "claimed" as const,
      messageId: null,
      threadId: null,
      sentAt: null,
    };
  });
}

async function pause(
  ctx: AppContext,
  post: DailyPost,
  now: number,
  code: number,
  reason: PostFailure,
): Promise<PostOutcome> {
  // Give the day back: once an admin fixes the channel, today's post may still go out.
  await ctx.posts.release(post.guildId, post.day);
  await ctx.guilds.update(post.guildId, (s) => ({ ...s, pause: { code, reason, at: now } }));
  ctx.log.warn({ guildId: post.guildId, day: post.day, code, reason }, "daily post paused");
  return { kind: "paused", code, reason };
}

/**
 * Discord answered the send with a message in another channel: another post of the bot's had the
 * same nonce (a claim stored before nonces named the server, or a hash collision). That message
 * is not this server's post and is never recorded as it. The claim takes this server's own nonce
 * and tries again: at once when the nonce changed, after the backoff when it could not.
 */
async function foreignMessage(
  ctx: AppContext,
  post: DailyPost,
  channelId: string,
  sent: Extract<SendOutcome, { kind: "posted" }>,
): Promise<PostOutcome> {
  const now = ctx.now();
  const nonce = nonceFor(post.guildId, post.day);
  const retryAt = nonce === post.nonce ? now + backoffMs(post.attempts) : now;
  await ctx.posts.replace(post, { ...post, nonce, retryAt });
  const reason: PostFailure = { code: "nonce-taken" };
  await ctx.guilds.update(post.guildId, (s) => ({ ...s, lastError: { reason, at: now } }));
  ctx.log.error(
    {
      guildId: post.guildId,
      day: post.day,
      channelId,
      nonce: post.nonce,
      returned: { messageId: sent.messageId, channelId: sent.channelId },
      retryAt,
    },
    "daily post: Discord returned another channel's message for this nonce; not recorded, will retry",
  );
  return { kind: "retry", retryAt, reason };
}

async function previousReveal(ctx: AppContext, settings: GuildSettings, day: DayKey) {
  const last = settings.lastPost;
  const question = last && last.day < day ? findQuestion(ctx.catalogue, last.number) : undefined;
  if (!last || !question) return undefined;
  const [answered, coveredLists] = await Promise.all([
    ctx.participation.count(settings.guildId, last.number, last.at),
    question.keyPoints ? ctx.answers.coveredSince(settings.guildId, last.number, last.at) : [],
  ]);
  const mostMissed = question.keyPoints ? mostMissedPoint(question.keyPoints, coveredLists) : null;
  return { question, answered, mostMissed };
}

/**
 * Posts the question of `day` to the server's channel exactly once: the day is claimed in the
 * store before anything is sent, the message carries a per-server, per-day nonce with
 * enforce_nonce (a message Discord returns from another channel is not taken as ours), and a
 * refused channel pauses the server instead of retrying.
 */
export async function postDailyQuestion(
  ctx: AppContext,
  settings: GuildSettings,
  day: DayKey,
  now: number,
): Promise<PostOutcome> {
  const channelId = settings.channelId;
  if (!channelId) return { kind: "not-configured" };
  const claimed = await claimDay(ctx, settings, day);
  if (!claimed.post) return claimed.outcome;
  const post = claimed.post;
  const question = findQuestion(ctx.catalogue, post.number);
  if (!question) {
    // The bank lost this question since the claim: start the day over with a fresh pick.
    await ctx.posts.release(post.guildId, day);
    return {
      kind: "retry",
      retryAt: now,
      reason: { code: "question-left-bank", number: post.number },
    };
  }

  const check = await ctx.discord.checkChannel(settings.guildId, channelId);
  if (!check.ok) return pause(ctx, post, now, check.code, check.reason);

  const lang = settings.language ?? languageFor(ctx.discord.guildLocale(settings.guildId));
  const sent = await ctx.discord.postQuestion(channelId, {
    question,
    lang,
    previous: await previousReveal(ctx, settings, day),
    onStreak: await membersOnStreak(ctx, settings, now),
    ...(await reviewsDueBy(ctx, settings, endOfDayFor(settings, day, now))),
    nonce: post.nonce,
  });
  switch (sent.kind) {
    case "fatal":
      // The token is dead: give the day back untouched (no backoff, no pause) for after the fix.
      await ctx.posts.release(post.guildId, day);
      return { kind: "fatal", code: sent.code, reason: sent.reason };
    case "paused":
      return pause(ctx, post, now, sent.code, sent.reason);
    case "retry-later": {
      const retryAt = ctx.now() + backoffMs(post.attempts);
      await ctx.posts.replace(post, { ...post, retryAt });
      await ctx.guilds.update(post.guildId, (s) => ({
        ...s,
        lastError: { reason: sent.reason, at: now },
      }));
      ctx.log.warn(
        { guildId: post.guildId, day, err: sent.cause, retryAt },
        "daily post failed; will retry",
      );
      return { kind: "retry", retryAt, reason: sent.reason };
    }
    case "posted":
      break;
  }
  if (sent.channelId !== channelId) return foreignMessage(ctx, post, channelId, sent);
  const { messageId } = sent;

  const threadId = await ctx.discord
    .startThread(channelId, messageId, question, lang)
    .catch((error: unknown) => {
      ctx.log.info(
        { guildId: post.guildId, err: error },
        "could not open a thread on the daily post",
      );
      return null;
    });
  const sentAt = now;
  if (!(await ctx.posts.replace(post, { ...post, status: "sent", messageId, threadId, sentAt }))) {
    // Our lease ran out mid-send and another process took over; it resends the same nonce.
    ctx.log.warn({ guildId: post.guildId, day }, "daily post claim was taken over while sending");
  }
  await ctx.rotation.save(post.guildId, {
    cycle: post.cycle,
    posted: post.posted,
    previous: post.number,
  });
  await ctx.guilds.update(post.guildId, (s) => ({
    ...s,
    lastError: null,
    pause: null,
    lastPost: { day, number: post.number, channelId, messageId, threadId, at: sentAt },
  }));
  ctx.log.info(
    { guildId: post.guildId, day, number: post.number, messageId },
    "daily question posted",
  );
  return { kind: "posted", messageId, number: post.number };
}

/**
 * How many members have a review due by the end of the server's day, for the post's footer. The
 * post goes out without the line when the count fails: it is a nicety, the question is not.
 */
async function reviewsDueBy(
  ctx: AppContext,
  settings: GuildSettings,
  until: number,
): Promise<{ reviewsDue?: number }> {
  try {
    return { reviewsDue: await ctx.cards.membersDue(settings.guildId, until) };
  } catch (error) {
    ctx.log.warn(
      { guildId: settings.guildId, err: error },
      "could not count members with reviews due",
    );
    return {};
  }
}
