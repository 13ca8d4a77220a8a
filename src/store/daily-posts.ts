import { createDayClaimRepository, type DayClaim, type DayClaimRepository } from "./day-claims.js";
import type { Namespace } from "./namespace.js";

/**
 * One record per server and local posting day, claimed before anything is sent (see
 * src/store/day-claims.ts). The claim also carries the question, so whoever finishes a stalled
 * claim sends the same message.
 */
export type DailyPost = DayClaim & {
  number: number;
  /** The rotation state to store once the post is out (see src/domain/rotation.ts). */
  cycle: number;
  posted: number[];
  threadId: string | null;
};

export type DailyPostRepository = DayClaimRepository<DailyPost>;

export function createDailyPostRepository(ns: Namespace<DailyPost>): DailyPostRepository {
  return createDayClaimRepository(ns, "a daily post");
}
