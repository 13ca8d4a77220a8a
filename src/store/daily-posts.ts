import type { DayKey } from "../domain/calendar.js";
import { guarded, type Namespace } from "./namespace.js";
import type { Versioned } from "./atomic.js";

/**
 * One record per server and local posting day, claimed before anything is sent. The claim
 * carries the question and the message nonce, so whoever finishes a stalled claim sends the
 * same message, and Discord's enforce_nonce turns a repeat into the original.
 */
export type DailyPost = Versioned & {
  guildId: string;
  day: DayKey;
  number: number;
  /** The rotation state to store once the post is out (see src/domain/rotation.ts). */
  cycle: number;
  posted: number[];
  nonce: string;
  claimant: string;
  claimedAt: number;
  attempts: number;
  /** Do not try again before this instant (backoff after a transient failure). */
  retryAt: number;
  status: "claimed" | "sent";
  messageId: string | null;
  threadId: string | null;
  sentAt: number | null;
};

export type DailyPostRepository = {
  get(guildId: string, day: DayKey): Promise<DailyPost | undefined>;
  /** True only for the one caller that created the record. */
  claim(post: Omit<DailyPost, "rev">): Promise<boolean>;
  /** Compare-and-set on `rev`: false when someone else changed it first. */
  replace(current: DailyPost, next: Omit<DailyPost, "rev">): Promise<boolean>;
  /** Gives the day back, e.g. when the channel refused the post and the server is paused. */
  release(guildId: string, day: DayKey): Promise<void>;
};

const keyOf = (guildId: string, day: DayKey) => `${guildId}:${day}`;

export function createDailyPostRepository(ns: Namespace<DailyPost>): DailyPostRepository {
  return {
    get: (guildId, day) => guarded("read of a daily post", () => ns.keyv.get(keyOf(guildId, day))),
    claim: (post) =>
      guarded("claim of a daily post", () =>
        ns.atomic.insertIfAbsent(keyOf(post.guildId, post.day), { ...post, rev: 1 }),
      ),
    replace: (current, next) =>
      guarded("update of a daily post", () =>
        ns.atomic.replaceIf(keyOf(current.guildId, current.day), current.rev, {
          ...next,
          rev: current.rev + 1,
        }),
      ),
    release: (guildId, day) =>
      guarded("release of a daily post", () => ns.atomic.remove(keyOf(guildId, day))),
  };
}
