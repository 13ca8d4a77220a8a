import type { AppContext } from "../context.js";
import { duePost, type DayKey } from "../domain/schedule.js";
import { postDailyQuestion, type PostOutcome } from "../services/post-daily-question.js";
import { postingExclusively } from "../services/posting-now.js";
import type { GuildSettings } from "../store/guild-settings.js";
import { digestWindowDay, dueDigest } from "../domain/weekly-digest.js";
import { postWeeklyDigest } from "../services/post-weekly-digest.js";

/** Servers posted to at once; Discord's rate limits, not this, set the pace of a big fan-out. */
const CONCURRENCY = 16;

export type TickReport = Map<string, PostOutcome | { kind: "error"; message: string }>;

/** Runs `work` on the items, `limit` at a time; no new item starts once `stop()` is true. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  stop: () => boolean,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !stop()) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

/** The local day this process should post for at `now`, or null. */
function dueDay(ctx: AppContext, settings: GuildSettings, now: number): DayKey | null {
  if (!settings.enabled || settings.pause || !settings.channelId) return null;
  if (!ctx.discord.holdsGuild(settings.guildId)) return null;
  return duePost(settings, now, { lastPostedDay: settings.lastPost?.day, graceMs: ctx.graceMs });
}

async function postIfStillDue(ctx: AppContext, guildId: string, now: number) {
  // A long tick's list can be minutes old: an overlapping tick may have posted to the server
  // or paused it since (a paused one would otherwise spend another request on its 404).
  const settings = await ctx.guilds.get(guildId);
  const day = dueDay(ctx, settings, now);
  return day ? postDailyQuestion(ctx, settings, day, now) : undefined;
}

/** Whether the server may post at all from this process: on, not paused, with a channel, held. */
const posting = (ctx: AppContext, settings: GuildSettings) =>
  settings.enabled &&
  !settings.pause &&
  settings.channelId !== null &&
  ctx.discord.holdsGuild(settings.guildId);

/** The digest day due at `now` from this process, or null (src/domain/weekly-digest.ts). */
function dueDigestDay(ctx: AppContext, settings: GuildSettings, now: number) {
  if (!posting(ctx, settings)) return null;
  return dueDigest(settings, now, {
    lastDigestDay: settings.lastDigest?.day,
    lastPostedDay: settings.lastPost?.day,
    graceMs: ctx.graceMs,
  });
}

/**
 * The weekly digests due at `now`, after the tick's daily posts: `candidates` (the tick's list,
 * read before its posts) are read again, so a digest sees the question posted just now. A
 * failure is logged for its server alone; it never reaches the daily post or other servers.
 */
export async function runDigests(
  ctx: AppContext,
  now: number,
  candidates: readonly GuildSettings[],
  stop: () => boolean,
) {
  const window = candidates.filter(
    (s) =>
      posting(ctx, s) &&
      digestWindowDay(s, now, { lastDigestDay: s.lastDigest?.day, graceMs: ctx.graceMs }),
  );
  const report = new Map<string, { kind: string }>();
  let fatal = false;
  await eachLimited(
    window,
    CONCURRENCY,
    () => fatal || stop(),
    async ({ guildId }) => {
      try {
        const outcome = await postingExclusively(ctx, `${guildId}:digest`, async () => {
          const settings = await ctx.guilds.get(guildId);
          const day = dueDigestDay(ctx, settings, now);
          return day ? postWeeklyDigest(ctx, settings, day, now) : undefined;
        });
        if (outcome?.kind === "fatal") fatal = true;
        if (outcome) report.set(guildId, outcome);
      } catch (error) {
        report.set(guildId, { kind: "error" });
        ctx.log.error({ guildId, err: error }, "weekly digest failed unexpectedly");
      }
    },
  );
  return report;
}

/**
 * The work of one scheduler tick at instant `now`: every server held by this process whose post
 * is due gets it. One server's failure is logged and recorded on it, never thrown to the others.
 * A fatal outcome (the token is dead) or an aborted `signal` (shutdown) stops it claiming more.
 */
export async function runTick(
  ctx: AppContext,
  now: number,
  signal?: AbortSignal,
): Promise<TickReport> {
  const report: TickReport = new Map();
  const listed = await ctx.guilds.list();
  const due = listed.filter((settings) => dueDay(ctx, settings, now));
  let fatal = false;
  const stop = () => fatal || signal?.aborted === true;
  await eachLimited(due, CONCURRENCY, stop, async ({ guildId }) => {
    try {
      const outcome = await postingExclusively(ctx, guildId, () =>
        postIfStillDue(ctx, guildId, now),
      );
      if (outcome?.kind === "fatal") fatal = true;
      if (outcome) report.set(guildId, outcome);
    } catch (error) {
      const message = (error as Error).message;
      report.set(guildId, { kind: "error", message });
      ctx.log.error({ guildId, err: error }, "daily post failed unexpectedly");
      await ctx.guilds
        .update(guildId, (s) => ({ ...s, lastError: { reason: { code: "unexpected" }, at: now } }))
        .catch((recordError: unknown) =>
          ctx.log.error({ err: recordError }, "could not record the failure"),
        );
    }
  });
  if (!stop()) await runDigests(ctx, now, listed, stop);
  return report;
}
