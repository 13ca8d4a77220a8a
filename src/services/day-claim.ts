import type { AppContext } from "../context.js";
import type { DayKey } from "../domain/calendar.js";
import type { DayClaim, DayClaimRepository } from "../store/day-claims.js";

/** A claim older than this, still unsent, is taken to have died with its process. */
export const CLAIM_LEASE_MS = 2 * 60_000;

/** Why a day could not be claimed: already out, another process on it, or backing off. */
export type ClaimRefusal =
  | { kind: "already-posted"; messageId: string | null }
  | { kind: "in-progress" }
  | { kind: "waiting"; retryAt: number }
  | { kind: "not-configured" };

/**
 * Claims the server's day in `claims` for this process (the daily post, the weekly digest), or
 * says why it cannot. A stalled claim of another process is taken over once its lease is out;
 * `fresh` makes a new claim, or null when there is nothing to send. Leases are read and written
 * at the current time, not a tick's: a long catch-up tick reaches its last servers minutes after
 * it started, and a claim dated then would be born expired.
 */
export async function claimServerDay<P extends DayClaim>(
  ctx: Pick<AppContext, "now" | "instanceId">,
  claims: DayClaimRepository<P>,
  guildId: string,
  day: DayKey,
  fresh: (now: number) => Promise<Omit<P, "rev"> | null>,
): Promise<{ post: P; outcome?: never } | { post?: never; outcome: ClaimRefusal }> {
  const now = ctx.now();
  const existing = await claims.get(guildId, day);
  if (existing) {
    if (existing.status === "sent")
      return { outcome: { kind: "already-posted", messageId: existing.messageId } };
    const othersLive =
      existing.claimant !== ctx.instanceId && now < existing.claimedAt + CLAIM_LEASE_MS;
    if (othersLive) return { outcome: { kind: "in-progress" } };
    if (now < existing.retryAt) return { outcome: { kind: "waiting", retryAt: existing.retryAt } };
    const { rev, ...taken } = existing;
    const next = {
      ...taken,
      claimant: ctx.instanceId,
      claimedAt: now,
      attempts: taken.attempts + 1,
    };
    if (!(await claims.replace(existing, next))) return { outcome: { kind: "in-progress" } };
    return { post: { ...next, rev: rev + 1 } as P };
  }
  const claim = await fresh(now);
  if (!claim) return { outcome: { kind: "not-configured" } };
  if (!(await claims.claim(claim))) return { outcome: { kind: "in-progress" } };
  return { post: { ...claim, rev: 1 } as P };
}
