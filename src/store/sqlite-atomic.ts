import type KeyvSqlite from "@keyv/sqlite";

/** A record that can be updated with compare-and-set: `rev` goes up by one on every write. */
export type Versioned = { rev: number };

/**
 * The two atomic steps exactly-once needs and Keyv lacks: "insert if absent" and "replace if
 * no one wrote since I read". Rows are written in Keyv's own format, so Keyv reads them as usual.
 */
export type AtomicOps = {
  insertIfAbsent(key: string, value: Versioned): Promise<boolean>;
  replaceIf(key: string, expectedRev: number, next: Versioned): Promise<boolean>;
  /** Every value whose key starts with `prefix`, read through the primary-key index. */
  scanPrefix<V>(prefix: string): Promise<V[]>;
};

const serialize = (value: Versioned) => JSON.stringify({ value });

export function sqliteAtomicOps(adapter: KeyvSqlite, namespace: string): AtomicOps {
  const table = adapter.opts.table ?? "keyv";
  const full = (key: string) => `${namespace}:${key}`;
  const changed = async (sql: string, ...params: unknown[]) =>
    ((await adapter.query(sql, ...params)) as unknown[]).length === 1;
  return {
    // Keyv's own iterator uses LIKE, which SQLite cannot answer from the (binary) key index.
    async scanPrefix<V>(prefix: string) {
      const from = full(prefix);
      const to = from.slice(0, -1) + String.fromCharCode(from.charCodeAt(from.length - 1) + 1);
      const rows = (await adapter.query(
        `SELECT value FROM ${table} WHERE key >= ? AND key < ?`,
        from,
        to,
      )) as { value: string }[];
      return rows.map((row) => (JSON.parse(row.value) as { value: V }).value);
    },
    insertIfAbsent: (key, value) =>
      changed(
        `INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING RETURNING key`,
        full(key),
        serialize(value),
      ),
    replaceIf: (key, expectedRev, next) =>
      changed(
        `UPDATE ${table} SET value = ? WHERE key = ? AND json_extract(value, '$.value.rev') = ? RETURNING key`,
        serialize(next),
        full(key),
        expectedRev,
      ),
  };
}
