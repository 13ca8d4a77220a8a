export type PresenceCache = {
  /** Whether the key was seen present and has not expired. */
  has(key: string): boolean;
  add(key: string): void;
  delete(key: string): void;
  readonly size: number;
};

/**
 * Members seen present, each for `lifetimeMs`, at most `maxEntries` of them: expired entries are
 * dropped as new ones come in and the oldest go first when full, so the map stays bounded however
 * many servers and members the bot asks about. One lifetime for all keeps insertion order equal
 * to expiry order, so dropping the expired stops at the first live entry.
 */
export function createPresenceCache(
  lifetimeMs: number,
  maxEntries: number,
  now: () => number = Date.now,
): PresenceCache {
  const until = new Map<string, number>();
  const dropExpired = (at: number) => {
    for (const [key, expiry] of until) {
      if (expiry > at) return;
      until.delete(key);
    }
  };
  return {
    has(key) {
      const expiry = until.get(key);
      if (expiry === undefined) return false;
      if (expiry > now()) return true;
      until.delete(key);
      return false;
    },
    add(key) {
      const at = now();
      dropExpired(at);
      until.delete(key);
      until.set(key, at + lifetimeMs);
      for (const oldest of until.keys()) {
        if (until.size <= maxEntries) break;
        until.delete(oldest);
      }
    },
    delete: (key) => void until.delete(key),
    get size() {
      return until.size;
    },
  };
}
