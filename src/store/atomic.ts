/** A record that can be updated with compare-and-set: `rev` goes up by one on every write. */
export type Versioned = { rev: number };

export type Entry<V> = { key: string; value: V };

/**
 * Every write the repositories make, in the engine's own atomic terms: "insert if absent" and
 * "replace if no one wrote since I read" (which Keyv lacks), plain writes and deletes (so an
 * engine can keep its key index in step), and reads by key prefix through an index. Rows are
 * written in Keyv's own format, so `keyv.get` reads them as usual.
 */
export type AtomicOps = {
  insertIfAbsent<V extends Versioned>(key: string, value: V): Promise<boolean>;
  replaceIf<V extends Versioned>(key: string, expectedRev: number, next: V): Promise<boolean>;
  put(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
  /** Every record whose key starts with `prefix` ("" for all), never a scan of the store. */
  scanEntries<V>(prefix: string): Promise<Entry<V>[]>;
  scanPrefix<V>(prefix: string): Promise<V[]>;
  /**
   * How many records under `prefix` hold a number at or below `max` in their top-level `field`:
   * counted inside the database where it has a query language (SQLite, PostgreSQL), so the rows
   * never travel; over scanEntries elsewhere (Redis).
   */
  countAtMost(prefix: string, field: string, max: number): Promise<number>;
};

/**
 * One write of a multi-key commit: the record at `key` of `namespace` becomes `value` if it is
 * still as read (`expect` the rev read, or "absent"), or whatever it is ("any"); or it goes.
 */
export type CommitWrite =
  | { namespace: string; key: string; expect: number | "absent" | "any"; value: unknown }
  | { namespace: string; key: string; remove: true };

/**
 * Writes all of `writes` or none: false, with nothing written, when a record was changed since
 * it was read. One transaction on SQLite and PostgreSQL, one script on Redis.
 */
export type Commit = (writes: readonly CommitWrite[]) => Promise<boolean>;

/** The order every engine takes keys in, so two commits never wait on each other in a cycle. */
export function inKeyOrder(writes: readonly CommitWrite[]): CommitWrite[] {
  const full = (w: CommitWrite) => `${w.namespace}:${w.key}`;
  return [...writes].sort((a, b) => (full(a) < full(b) ? -1 : full(a) > full(b) ? 1 : 0));
}

export function withScanPrefix(
  ops: Omit<AtomicOps, "scanPrefix" | "countAtMost"> & Partial<Pick<AtomicOps, "countAtMost">>,
): AtomicOps {
  const scanPrefix = async <V>(prefix: string) =>
    (await ops.scanEntries<V>(prefix)).map((entry) => entry.value);
  return {
    scanPrefix,
    countAtMost: async (prefix, field, max) =>
      (await scanPrefix<Record<string, unknown>>(prefix)).filter((value) => {
        const number = value[field];
        return typeof number === "number" && number <= max;
      }).length,
    ...ops,
  };
}

/** A field name safe to write into SQL: the counts take only our own record fields. */
export function fieldName(field: string): string {
  if (!/^[A-Za-z]\w*$/.test(field)) throw new RangeError(`not a field name: ${field}`);
  return field;
}

/**
 * The upper bound of a byte-order range holding exactly the strings that start with `prefix`
 * (UTF-8 keeps code point order, so bumping the last character is enough; ours end in ":").
 */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
