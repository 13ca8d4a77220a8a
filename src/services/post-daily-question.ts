import type { AppContext } from "../context.js";
import { findQuestion } from "../domain/catalogue.js";
import type { DayKey } from "../domain/calendar.js";
import { languageFor } from "../domain/locale.js";
import { nextQuestion } from "../domain/rotation.js";
import { dailyPostMessage, dailyThreadName } from "../discord/render-daily.js";
import type { DailyPost } from "../store/daily-posts.js";
import type { GuildSettings } from "../store/guild-settings.js";
import { classifyDiscordError } from "./discord-errors.js";
import { membersOnStreak } from "./member-stats.js";

/** A claim older than this, still unsent, is taken to have died with its process. */
export const CLAIM_LEASE_MS = 2 * 60_000;
const MAX_BACKOFF_MS = 30 * 60_000;

export type PostOutcome =
  | { kind: "posted"; messageId: string; number: number }
  | { kind: "already-posted"; messageId: string | null }
  | { kind: "in-progress" }
  | { kind: "waiting"; retryAt: number }
  | { kind: "paused"; code: number; reason: string }
  | { kind: "fatal"; code: number; reason: string }
  | { kind: "retry"; retryAt: number; reason: string }
  | { kind: "not-configured" };

/** Discord drops a repeated nonce with enforce_nonce for a few minutes: one nonce per day. */
export const nonceFor = (day: DayKey) => `qotd-${day.replaceAll("-", "")}`;

export const backoffMs = (attempts: number) =>
  Math.min(60_000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

/** Claims the day for this process, or says why it cannot (posted, in progress, backing off). */
async function claimDay(ctx: AppContext, settings: GuildSettings, day: DayKey, now: number) {
  const existing = await ctx.posts.get(settings.guildId, day);
  if (existing) {
    if (existing.status === "sent")
      return { outcome: { kind: "already-posted", messageId: existing.messageId } as const };
    const othersLive =
      existing.claimant !== ctx.instanceId && now < existing.claimedAt + CLAIM_LEASE_MS;
    if (othersLive) return { outcome: { kind: "in-progress" } as const };
    if (now < existing.retryAt)
      return { outcome: { kind: "waiting", retryAt: existing.retryAt } as const };
    const next = {
      ...existing,
      claimant: ctx.instanceId,
      claimedAt: now,
      attempts: existing.attempts + 1,
    };
    if (!(await ctx.posts.replace(existing, next)))
      return { outcome: { kind: "in-progress" } as const };
    return { post: { ...next, rev: existing.rev + 1 } as DailyPost };
  }
  const rotation = await ctx.rotation.get(settings.guildId);
  const step = nextQuestion({
    bank: ctx.catalogue.questions,
    posted: rotation.posted,
    previous: rotation.previous ?? undefined,
    cycle: rotation.cycle,
    seed: settings.guildId,
  });
  if (!step) return { outcome: { kind: "not-configured" } as const };
  const claim = {
    guildId: settings.guildId,
    day,
    number: step.number,
    cycle: step.cycle,
    posted: step.posted,
    nonce: nonceFor(day),
    claimant: ctx.instanceId,
    claimedAt: now,
    attempts: 1,
    retryAt: 0,
    status: "claimed" as const,
    messageId: null,
    threadId: null,
    sentAt: null,
  };
  if (!(await ctx.posts.claim(claim))) return { outcome: { kind: "in-progress" } as const };
  return { post: { ...claim, rev: 1 } as DailyPost };
}

async function pause(
  ctx: AppContext,
  post: DailyPost,
  now: number,
  code: number,
  reason: string,
): Promise<PostOutcome> {
  // Give the day back: once an admin fixes the channel, today's post may still go out.
  await ctx.posts.release(post.guildId, post.day);
  await ctx.guilds.update(post.guildId, (s) => ({ ...s, pause: { code, reason, at: now } }));
  ctx.log.warn({ guildId: post.guildId, day: post.day, code, reason }, "daily post paused");
  return { kind: "paused", code, reason };
}

async function previousReveal(ctx: AppContext, settings: GuildSettings, day: DayKey) {
  const last = settings.lastPost;
  const question = last && last.day < day ? findQuestion(ctx.catalogue, last.number) : undefined;
  if (!last || !question) return undefined;
  return {
    question,
    answered: await ctx.participation.count(settings.guildId, last.number, last.at),
  };
}

/**
 * Posts the question of `day` to the server's channel exactly once: the day is claimed in the
 * store before anything is sent, the message carries a per-day nonce with enforce_nonce, and a
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
  const claimed = await claimDay(ctx, settings, day, now);
  if (!claimed.post) return claimed.outcome;
  const post = claimed.post;
  const question = findQuestion(ctx.catalogue, post.number);
  if (!question) {
    // The bank lost this question since the claim: start the day over with a fresh pick.
    await ctx.posts.release(post.guildId, day);
    return { kind: "retry", retryAt: now, reason: `question ${post.number} left the bank` };
  }

  const check = await ctx.daily.checkChannel(settings.guildId, channelId);
  if (!check.ok)
    return pause(ctx, post, now, check.code, `missing permissions: ${check.missing.join(", ")}`);

  const lang = settings.language ?? languageFor(ctx.daily.guildLocale(settings.guildId));
  const message = dailyPostMessage(
    question,
    ctx.catalogue,
    lang,
    await previousReveal(ctx, settings, day),
    await membersOnStreak(ctx, settings, now),
  );
  let messageId: string;
  try {
    ({ messageId } = await ctx.daily.send(channelId, { ...message, nonce: post.nonce }));
  } catch (error) {
    const failure = classifyDiscordError(error);
    if (failure.fatal) {
      // The token is dead: give the day back untouched (no backoff, no pause) for after the fix.
      await ctx.posts.release(post.guildId, day);
      return { kind: "fatal", code: failure.code, reason: failure.reason };
    }
    if (failure.permanent) return pause(ctx, post, now, failure.code, failure.reason);
    const retryAt = now + backoffMs(post.attempts);
    await ctx.posts.replace(post, { ...post, retryAt });
    await ctx.guilds.update(post.guildId, (s) => ({
      ...s,
      lastError: { message: failure.reason, at: now },
    }));
    ctx.log.warn(
      { guildId: post.guildId, day, err: error, retryAt },
      "daily post failed; will retry",
    );
    return { kind: "retry", retryAt, reason: failure.reason };
  }

  const threadId = await ctx.daily
    .startThread(channelId, messageId, dailyThreadName(question, lang))
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
