/** Keeps the member's answer inside one embed field (1,024) beside the reference. */
export const ANSWER_MAX_LENGTH = 1000;

export type AnswerCheck =
  | { ok: true; text: string }
  | { ok: false; error: "answer-empty" }
  | { ok: false; error: "answer-too-long"; length: number; max: number };

export function checkAnswer(raw: string): AnswerCheck {
  const text = raw.trim();
  if (text.length === 0) return { ok: false, error: "answer-empty" };
  // Count code points, as Discord's max_length does, not UTF-16 units.
  const length = [...text].length;
  if (length > ANSWER_MAX_LENGTH)
    return { ok: false, error: "answer-too-long", length, max: ANSWER_MAX_LENGTH };
  return { ok: true, text };
}
