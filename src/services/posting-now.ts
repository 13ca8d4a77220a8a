import type { AppContext } from "../context.js";

/**
 * Runs `work` for the server unless this process is already posting to it (ctx.postingNow,
 * shared by the scheduler's ticks and an admin's /config post-now). This process's own claim
 * looks retryable to itself (same instance id), so without this guard an overlapping tick, or
 * post-now during a tick, would send a post still in flight a second time.
 */
export async function postingExclusively<T>(
  ctx: AppContext,
  guildId: string,
  work: () => Promise<T>,
): Promise<T | { kind: "in-progress" }> {
  const busy = ctx.postingNow;
  if (busy.has(guildId)) return { kind: "in-progress" };
  busy.add(guildId);
  try {
    return await work();
  } finally {
    busy.delete(guildId);
  }
}
