import type { Question } from "../bank/schema.js";

/**
 * What `/question review` shows a member: the most overdue card of theirs due today, with how
 * many are; or, with nothing due, when the next one is (null before their first card) and a
 * question they have never answered or revealed (null when they have seen them all).
 */
export type ReviewPick =
  | { kind: "due"; question: Question; due: number; dueCount: number }
  | { kind: "none"; nextDue: number | null; unseen: Question | null };
