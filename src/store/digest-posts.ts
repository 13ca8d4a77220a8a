import { createDayClaimRepository, type DayClaim, type DayClaimRepository } from "./day-claims.js";
import type { Namespace } from "./namespace.js";

/**
 * One record per server and digest day (the local day it is posted on, so one a week), claimed
 * before anything is sent, as the daily post's (src/store/day-claims.ts).
 */
export type DigestPost = DayClaim;

export type DigestPostRepository = DayClaimRepository<DigestPost>;

export function createDigestPostRepository(ns: Namespace<DigestPost>): DigestPostRepository {
  return createDayClaimRepository(ns, "a digest");
}
