import type Keyv from "keyv";
import type { AtomicOps, Versioned } from "./atomic.js";
import { StoreError } from "./store-error.js";

/**
 * One Keyv namespace plus the atomic operations of the engine under it. Keyv only reads: every
 * write goes through `atomic`, so an engine with a key index (Redis) keeps it in step.
 */
export type Namespace<V> = { keyv: Pick<Keyv<V>, "get">; atomic: AtomicOps; locks: KeyedLock };

/**
 * Runs work for the same key one at a time within this process, so many concurrent updates of
 * one record (50 submissions by one member) queue instead of failing each other's
 * compare-and-set; the compare-and-set still guards against other processes.
 */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}

export async function guarded<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(`store ${what} failed: ${(error as Error).message}`, { cause: error });
  }
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
  return guarded(`update of ${key}`, () =>
    ns.locks.run(key, () => casLoop(ns, key, initial, change)),
  );
}

async function casLoop<V extends Versioned>(
  ns: Namespace<V>,
  key: string,
  initial: () => V,
  change: (current: V) => V | null,
): Promise<V> {
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
    // Another process won the race: wait a little (with jitter) before reading again.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
  }
  throw new StoreError(`update of ${key} kept conflicting with other writers`);
}
