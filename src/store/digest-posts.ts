import type { DayKey } from "../domain/calendar.js";
import type { Versioned } from "./atomic.js";
import { guarded, type Namespace } from "./namespace.js";

/**
 * One record per server and digest day (the local day it is posted on, so one a week), claimed
 * before anything is sent, as the daily post's (src/store/daily-posts.ts). The claim carries the
 * nonce, so whoever finishes a stalled claim sends with the same one.
 */
export type DigestPost = Versioned & {
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

export type DigestPostRepository = {
  get(guildId: string, day: DayKey): Promise<DigestPost | undefined>;
  /** True only for the one caller that created the record. */
  claim(post: Omit<DigestPost, "rev">): Promise<boolean>;
  /** Compare-and-set on `rev`: false when someone else changed it first. */
  replace(current: DigestPost, next: Omit<DigestPost, "rev">): Promise<boolean>;
  /** Gives the day back (the channel refused the digest, or the token is dead). */
  release(guildId: string, day: DayKey): Promise<void>;
};

const keyOf = (guildId: string, day: DayKey) => `${guildId}:${day}`;

export function createDigestPostRepository(ns: Namespace<DigestPost>): DigestPostRepository {
  return {
    get: (guildId, day) => guarded("read of a digest", () => ns.keyv.get(keyOf(guildId, day))),
    claim: (post) =>
      guarded("claim of a digest", () =>
        ns.atomic.insertIfAbsent(keyOf(post.guildId, post.day), { ...post, rev: 1 }),
      ),
    replace: (current, next) =>
      guarded("update of a digest", () =>
        ns.atomic.replaceIf(keyOf(current.guildId, current.day), current.rev, {
          ...next,
          rev: current.rev + 1,
        }),
      ),
    release: (guildId, day) =>
      guarded("release of a digest", () => ns.atomic.remove(keyOf(guildId, day))),
  };
}
