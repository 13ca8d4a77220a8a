import type { AppContext } from "../context.js";

/**
 * Servers each process is posting to right now, shared by the scheduler's ticks and an admin's
 * /config post-now. This process's own claim looks retryable to itself (same instance id), so
 * without this guard an overlapping tick, or post-now during a tick, would send a post still in
 * flight a second time.
 */
const postingNow = new WeakMap<AppContext, Set<string>>();

/** Runs `work` for the server unless this process is already posting to it. */
export async function postingExclusively<T>(
  ctx: AppContext,
  guildId: string,
  work: () => Promise<T>,
): Promise<T | { kind: "in-progress" }> {
  let busy = postingNow.get(ctx);
  if (!busy) postingNow.set(ctx, (busy = new Set()));
  if (busy.has(guildId)) return { kind: "in-progress" };
  busy.add(guildId);
  try {
    return await work();
  } finally {
    busy.delete(guildId);
  }
}
