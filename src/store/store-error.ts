/** Thrown for any failure of the underlying store, so callers never read a failure as "empty". */
export class StoreError extends Error {
  override readonly name = "StoreError";
}

/** The store cannot be opened at start-up; the message names the engine and how to fix it. */
export class StoreOpenError extends Error {
  override readonly name = "StoreOpenError";
}
