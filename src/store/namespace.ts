import type Keyv from "keyv";
import type { AtomicOps, Versioned } from "./sqlite-atomic.js";

/** One Keyv namespace plus the atomic operations of the engine under it. */
export type Namespace<V> = { keyv: Keyv<V>; atomic: AtomicOps };

/** Thrown for any failure of the underlying store, so callers never read a failure as "empty". */
export class StoreError extends Error {
  override readonly name = "StoreError";
}

export async function guarded<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(`store ${what} failed: ${(error as Error).message}`, { cause: error });
  }
}

/** Every value of a namespace; keys come back without the namespace prefix. */
export async function entries<V>(keyv: Keyv<V>, prefix = ""): Promise<[string, V][]> {
  const found: [string, V][] = [];
  if (!keyv.iterator) return found;
  for await (const [key, value] of keyv.iterator(undefined)) {
    if (typeof key === "string" && key.startsWith(prefix) && value !== undefined)
      found.push([key, value as V]);
  }
  return found;
}

const MAX_ATTEMPTS = 20;

/**
 * Read-modify-write that never loses a concurrent update: the write only lands if nobody wrote
 * since the read, else it reads again. `change` returns null to leave the record as it is.
 */
export async function updateVersioned<V extends Versioned>(
  ns: Namespace<V>,
  key: string,
  initial: () => V,
  change: (current: V) => V | null,
): Promise<V> {
  return guarded(`update of ${key}`, async () => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await ns.keyv.get(key);
      const current = stored ?? initial();
      const changed = change(current);
      if (changed === null) return current;
      const next = { ...changed, rev: current.rev + 1 };
      const written = stored
        ? await ns.atomic.replaceIf(key, current.rev, next)
        : await ns.atomic.insertIfAbsent(key, next);
      if (written) return next;
    }
    throw new StoreError(`update of ${key} kept conflicting with other writers`);
  });
}
