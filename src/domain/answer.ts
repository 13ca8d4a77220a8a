/** Keeps the member's answer inside one embed field (1,024) beside the reference. */
export const ANSWER_MAX_LENGTH = 1000;

export type AnswerCheck =
  | { ok: true; text: string }
  | { ok: false; error: "answer-empty" }
  | { ok: false; error: "answer-too-long"; length: number; max: number };

// Control characters (NUL…) other than tab and newline: never meant, and not kept.
const CONTROL = /\p{Cc}/gu;
const keptControl = (char: string) => (char === "\n" || char === "\t" ? char : "");
// What no reader sees: whitespace, zero-width characters, direction marks, control characters.
const INVISIBLE = /[\s\p{Cc}\p{Cf}]/gu;

export function checkAnswer(raw: string): AnswerCheck {
  const text = raw.replace(CONTROL, keptControl).trim();
  if (text.replace(INVISIBLE, "").length === 0) return { ok: false, error: "answer-empty" };
  // Count code points, as Discord's max_length does, not UTF-16 units.
  const length = [...text].length;
  if (length > ANSWER_MAX_LENGTH)
    return { ok: false, error: "answer-too-long", length, max: ANSWER_MAX_LENGTH };
  return { ok: true, text };
}
