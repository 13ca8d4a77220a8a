import type KeyvPostgres from "@keyv/postgres";
import { prefixEnd, withScanPrefix, type AtomicOps } from "../atomic.js";
import { entriesOfRows, type Codec } from "../codec.js";

/**
 * Keys compared byte-wise, whatever the database's collation: a prefix is then exactly a
 * range, which the COLLATE "C" index (created with the table) serves.
 */
export const scanSql = (table: string) =>
  `SELECT key, value FROM ${table} WHERE key COLLATE "C" >= $1 AND key COLLATE "C" < $2`;

/** Under READ COMMITTED a waiting UPDATE re-checks its WHERE on the row it finally gets. */
export function postgresAtomicOps(
  adapter: KeyvPostgres,
  codec: Codec,
  table: string,
  namespace: string,
): AtomicOps {
  const full = (key: string) => `${namespace}:${key}`;
  const changed = async (sql: string, values: unknown[]) =>
    ((await adapter.query(sql, values)) as unknown[]).length === 1;
  return withScanPrefix({
    async scanEntries<V>(prefix: string) {
      const from = full(prefix);
      const rows = (await adapter.query(scanSql(table), [from, prefixEnd(from)])) as {
        key: string;
        value: string;
      }[];
      return entriesOfRows<V>(codec, namespace, rows);
    },
    insertIfAbsent: async (key, value) =>
      changed(
        `INSERT INTO ${table} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key`,
        [full(key), await codec.encode(value)],
      ),
    replaceIf: async (key, expectedRev, next) =>
      changed(
        `UPDATE ${table} SET value = $1 WHERE key = $2 AND (value::jsonb -> 'value' ->> 'rev')::int = $3 RETURNING key`,
        [await codec.encode(next), full(key), expectedRev],
      ),
    async put(key, value) {
      await adapter.query(
        `INSERT INTO ${table} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [full(key), await codec.encode(value)],
      );
    },
    async remove(key) {
      await adapter.query(`DELETE FROM ${table} WHERE key = $1`, [full(key)]);
    },
  });
}
