import type { Grade } from "../domain/answer-feedback.js";
import type { Entry, Versioned } from "./atomic.js";

/** Interaction ids remembered per question: a redelivered submit arrives within minutes. */
export const RECENT_IDS = 10;

/**
 * A member's latest answer to one question, with how often they answered it: one record per
 * member and question, however many times they submit.
 */
export type AnswerRecord = Versioned & {
  guildId: string;
  userId: string;
  question: number;
  /** The interaction id of the latest submit. */
  id: string;
  text: string;
  /** Epoch milliseconds of the latest submit. */
  at: number;
  /** Submits of this question, the latest included. */
  attempts: number;
  /** When an answer to this question last counted toward the totals (one count a local day). */
  countedAt: number;
  /** The latest interaction ids, so a redelivered submit is stored and counted once. */
  recentIds: string[];
  /**
   * The feedback on the latest submit (absent in stores written before issue 11, and for a
   * question without key points): the key point ids it covered and the grade the matcher
   * suggested.
   */
  covered?: string[];
  suggestedGrade?: Grade;
  /**
   * The grade the member chose with the correction buttons; null until they click one, so
   * "accepted the suggestion" and "never looked" stay apart. The grade that counts is
   * `finalGrade ?? suggestedGrade` (see gradeOf).
   */
  finalGrade?: Grade | null;
};

/** The grade an answer ends with: the member's correction wins over the suggestion. */
export function gradeOf(record: Pick<AnswerRecord, "suggestedGrade" | "finalGrade">) {
  return record.finalGrade ?? record.suggestedGrade ?? null;
}

/** A row per submit, keyed `guild:user:question:interaction`, as stores before 2026-12 kept them. */
export type LegacyAnswer = Pick<
  AnswerRecord,
  "id" | "guildId" | "userId" | "question" | "text" | "at"
>;

/**
 * The record of one question with the rows older stores kept per submit folded in: the latest
 * text, every submit counted as an attempt. Each of those rows counted when it was written, so
 * the latest one's time is when the question last counted.
 */
export function foldLegacy(
  stored: AnswerRecord | null,
  legacy: readonly Entry<LegacyAnswer>[],
): AnswerRecord | null {
  if (legacy.length === 0) return stored;
  const rows = legacy.map((entry) => entry.value).sort((a, b) => a.at - b.at);
  const latest = rows[rows.length - 1] as LegacyAnswer;
  const newest = stored && stored.at >= latest.at ? stored : latest;
  return {
    rev: stored?.rev ?? 0,
    guildId: latest.guildId,
    userId: latest.userId,
    question: latest.question,
    id: newest.id,
    text: newest.text,
    at: newest.at,
    attempts: (stored?.attempts ?? 0) + rows.length,
    countedAt: Math.max(stored?.countedAt ?? 0, latest.at),
    recentIds: [...rows.map((row) => row.id), ...(stored?.recentIds ?? [])].slice(-RECENT_IDS),
    ...(newest === stored && feedbackOf(stored)),
  };
}

function feedbackOf(record: AnswerRecord): Pick<AnswerRecord, FeedbackField> {
  const { covered, suggestedGrade, finalGrade } = record;
  return {
    ...(covered && { covered }),
    ...(suggestedGrade && { suggestedGrade }),
    ...(finalGrade !== undefined && { finalGrade }),
  };
}

type FeedbackField = "covered" | "suggestedGrade" | "finalGrade";

/** The record after a new submit `id` of `text` at `at`; `counted` when it counts toward totals. */
export function answeredAgain(
  current: AnswerRecord | null,
  submit: Pick<AnswerRecord, "guildId" | "userId" | "question" | "id" | "text" | "at">,
  counted: boolean,
  feedback: { covered: string[]; grade: Grade } | null = null,
): Omit<AnswerRecord, "rev"> {
  return {
    ...submit,
    // A new submit gets a new suggestion; an earlier correction was about the earlier text.
    ...(feedback && {
      covered: feedback.covered,
      suggestedGrade: feedback.grade,
      finalGrade: null,
    }),
    attempts: (current?.attempts ?? 0) + 1,
    countedAt: counted ? submit.at : (current?.countedAt ?? submit.at),
    recentIds: [...(current?.recentIds ?? []), submit.id].slice(-RECENT_IDS),
  };
}
