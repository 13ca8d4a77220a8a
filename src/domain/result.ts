/** What a rule returns instead of throwing: a value, or a message saying what was wrong. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
