import { openEngine } from "../../src/store/open-store.js";
import {
  answeredAgain,
  type AnswerRecord,
  type AnswerRepository,
  type LegacyAnswer,
} from "../../src/store/answers.js";
import type { DailyPost } from "../../src/store/daily-posts.js";
import { emptyMember, type MemberRecord } from "../../src/store/members.js";

/** Sample records for the store suites: a submit (also the shape of a legacy row per submit). */
export const answer = (overrides: Partial<LegacyAnswer> = {}): LegacyAnswer => ({
  id: "1000",
  guildId: "g1",
  userId: "u1",
  question: 5,
  text: "模型解释性",
  at: 1_780_000_000_000,
  ...overrides,
});

/**
 * Saves a submit through the answer commit, as the service does: it counts, and the member's
 * record and participation are written with it (the calendar is left alone).
 */
export function saveAnswer(
  store: { answers: AnswerRepository },
  submit: LegacyAnswer,
  feedback: Parameters<typeof answeredAgain>[3] = null,
) {
  return store.answers.save(submit.guildId, submit.userId, submit.question, (read) => ({
    answer: answeredAgain(read.answer, submit, true, feedback),
    member: { ...read.member, totalAnswers: read.member.totalAnswers + 1 },
    calendar: null,
    participation: { at: submit.at },
  }));
}

/** Writes rows per submit as stores before the one-record-per-question format kept them. */
export async function writeLegacyAnswers(url: string, rows: LegacyAnswer[]): Promise<void> {
  const engine = await openEngine(url);
  try {
    const answers = await engine.open<LegacyAnswer>("answers");
    for (const row of rows) {
      await answers.atomic.put(`${row.guildId}:${row.userId}:${row.question}:${row.id}`, row);
    }
  } finally {
    await engine.close();
  }
}

/** The record one saved submit leaves. */
export const savedAnswer = (submit: LegacyAnswer): AnswerRecord => ({
  rev: 1,
  ...submit,
  attempts: 1,
  countedAt: submit.at,
  recentIds: [submit.id],
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
