import type { AppContext } from "../context.js";
import { duePost } from "../domain/schedule.js";
import { postDailyQuestion, type PostOutcome } from "../services/post-daily-question.js";

/** Servers posted to at once; Discord's rate limits, not this, set the pace of a big fan-out. */
const CONCURRENCY = 16;

export type TickReport = Map<string, PostOutcome | { kind: "error"; message: string }>;

async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

/**
 * The work of one scheduler tick at instant `now`: every server held by this process whose post
 * is due gets it. One server's failure is logged and recorded on it, never thrown to the others.
 */
export async function runTick(ctx: AppContext, now: number): Promise<TickReport> {
  const report: TickReport = new Map();
  const due = (await ctx.guilds.list()).flatMap((settings) => {
    if (!settings.enabled || settings.pause || !settings.channelId) return [];
    if (!ctx.daily.holdsGuild(settings.guildId)) return [];
    const day = duePost(settings, now, {
      lastPostedDay: settings.lastPost?.day,
      graceMs: ctx.graceMs,
    });
    return day ? [{ settings, day }] : [];
  });
  await eachLimited(due, CONCURRENCY, async ({ settings, day }) => {
    try {
      report.set(settings.guildId, await postDailyQuestion(ctx, settings, day, now));
    } catch (error) {
      const message = (error as Error).message;
      report.set(settings.guildId, { kind: "error", message });
      ctx.log.error(
        { guildId: settings.guildId, day, err: error },
        "daily post failed unexpectedly",
      );
      await ctx.guilds
        .update(settings.guildId, (s) => ({ ...s, lastError: { message, at: now } }))
        .catch((recordError: unknown) =>
          ctx.log.error({ err: recordError }, "could not record the failure"),
        );
    }
  });
  return report;
}
