/**
 * What a rule returns instead of throwing: a value, or what was wrong. Rules a member's input
 * reaches return an identifier with data (rendered in the member's language), not a sentence.
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };
