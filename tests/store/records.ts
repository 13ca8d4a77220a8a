import type { AnswerRecord } from "../../src/store/answers.js";
import type { DailyPost } from "../../src/store/daily-posts.js";
import { emptyMember, type MemberRecord } from "../../src/store/members.js";

/** Sample records for the store suites. */
export const answer = (overrides: Partial<AnswerRecord> = {}): AnswerRecord => ({
  id: "1000",
  guildId: "g1",
  userId: "u1",
  question: 5,
  text: "模型解释性",
  at: 1_780_000_000_000,
  ...overrides,
});

export const post = (overrides: Partial<Omit<DailyPost, "rev">> = {}): Omit<DailyPost, "rev"> => ({
  guildId: "g1",
  day: "2026-05-04",
  number: 7,
  cycle: 0,
  posted: [3, 7],
  nonce: "nonce-1",
  claimant: "instance-a",
  claimedAt: 1_000,
  attempts: 0,
  retryAt: 0,
  status: "claimed",
  messageId: null,
  threadId: null,
  sentAt: null,
  ...overrides,
});

/**
 * A member of g1 whose last answer falls anywhere from a month before to a week after
 * 2026-11-27, with ties in every number (small ranges), freezes, no streak at all, and some who left.
 */
export function randomMember(rand: () => number, userId: string): MemberRecord {
  const int = (max: number) => Math.floor(rand() * max);
  const lastDay = int(8) === 0 ? null : `2026-11-${String(1 + int(29)).padStart(2, "0")}`;
  const current = lastDay ? int(6) : 0;
  const best = current + int(4);
  const weeks = ["2026-11-23", "2026-11-30", "2026-12-14", ""];
  return {
    ...emptyMember("g1", userId),
    streak: {
      current,
      best,
      freezes: int(3),
      sinceEarn: current % 7,
      lastDay,
      activeDays: best + int(5),
      lastReset: null,
    },
    totalAnswers: int(6),
    week: { start: weeks[int(weeks.length)] ?? "", answers: int(4) },
    lastAnswerAt: 0,
    left: int(10) === 0,
  };
}
