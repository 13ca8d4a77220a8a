import type { DayKey } from "../domain/calendar.js";
import type { Versioned } from "./atomic.js";
import { guarded, type Namespace } from "./namespace.js";

/**
 * One record per server and day, claimed before anything is sent (the daily post, the weekly
 * digest). The claim carries the message nonce, so whoever finishes a stalled claim sends with
 * the same one, and Discord's enforce_nonce turns a repeat into the original.
 */
export type DayClaim = Versioned & {
  guildId: string;
  day: DayKey;
  nonce: string;
  claimant: string;
  claimedAt: number;
  attempts: number;
  /** Do not try again before this instant (backoff after a transient failure). */
  retryAt: number;
  status: "claimed" | "sent";
  messageId: string | null;
  sentAt: number | null;
};

export type DayClaimRepository<P extends DayClaim> = {
  get(guildId: string, day: DayKey): Promise<P | undefined>;
  /** True only for the one caller that created the record. */
  claim(post: Omit<P, "rev">): Promise<boolean>;
  /** Compare-and-set on `rev`: false when someone else changed it first. */
  replace(current: P, next: Omit<P, "rev">): Promise<boolean>;
  /** Gives the day back, e.g. when the channel refused the message or the token is dead. */
  release(guildId: string, day: DayKey): Promise<void>;
};

const keyOf = (guildId: string, day: DayKey) => `${guildId}:${day}`;

/** The claims of one kind of message in `ns`; `what` names it in store errors. */
export function createDayClaimRepository<P extends DayClaim>(
  ns: Namespace<P>,
  what: string,
): DayClaimRepository<P> {
  return {
    get: (guildId, day) => guarded(`read of ${what}`, () => ns.keyv.get(keyOf(guildId, day))),
    claim: (post) =>
      guarded(`claim of ${what}`, () =>
        ns.atomic.insertIfAbsent(keyOf(post.guildId, post.day), { ...post, rev: 1 } as P),
      ),
    replace: (current, next) =>
      guarded(`update of ${what}`, () =>
        ns.atomic.replaceIf(keyOf(current.guildId, current.day), current.rev, {
          ...next,
          rev: current.rev + 1,
        } as P),
      ),
    release: (guildId, day) =>
      guarded(`release of ${what}`, () => ns.atomic.remove(keyOf(guildId, day))),
  };
}
