import type { AnswerRecord } from "../../src/store/answers.js";
import type { DailyPost } from "../../src/store/daily-posts.js";

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
