import type KeyvPostgres from "@keyv/postgres";
import type { Pool } from "pg";
import {
  fieldName,
  inKeyOrder,
  prefixEnd,
  withScanPrefix,
  type AtomicOps,
  type Commit,
  type CommitWrite,
} from "../atomic.js";
import { entriesOfRows, type Codec } from "../codec.js";

/**
 * Keys compared byte-wise, whatever the database's collation: a prefix is then exactly a
 * range, which the COLLATE "C" index (created with the table) serves.
 */
export const scanSql = (table: string) =>
  `SELECT key, value FROM ${table} WHERE key COLLATE "C" >= $1 AND key COLLATE "C" < $2`;

const UPSERT = (table: string) =>
  `INSERT INTO ${table} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
const INSERT_IF_ABSENT = (table: string) =>
  `INSERT INTO ${table} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key`;
const REPLACE_IF = (table: string) =>
  `UPDATE ${table} SET value = $1 WHERE key = $2 AND (value::jsonb -> 'value' ->> 'rev')::int = $3 RETURNING key`;

/** PostgreSQL's code for a deadlock it broke by failing one transaction: a conflict, not a fault. */
const DEADLOCK = "40P01";

/**
 * Multi-key commits in one transaction. Keys are taken in one order and an UPDATE that waited
 * re-checks its rev on the row it finally gets (READ COMMITTED), so a lost race reads as a
 * conflict and rolls back.
 */
export function postgresCommit(pool: Pool, codec: Codec, table: string): Commit {
  return async (writes) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      for (const write of inKeyOrder(writes)) {
        if (!(await applyWrite(write))) {
          await client.query("ROLLBACK");
          return false;
        }
      }
      await client.query("COMMIT");
      return true;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      if ((error as { code?: string }).code === DEADLOCK) return false;
      throw error;
    } finally {
      client.release();
    }

    async function applyWrite(write: CommitWrite): Promise<boolean> {
      const key = `${write.namespace}:${write.key}`;
      if ("remove" in write) {
        await client.query(`DELETE FROM ${table} WHERE key = $1`, [key]);
        return true;
      }
      const raw = await codec.encode(write.value);
      if (write.expect === "any") {
        await client.query(UPSERT(table), [key, raw]);
        return true;
      }
      const result =
        write.expect === "absent"
          ? await client.query(INSERT_IF_ABSENT(table), [key, raw])
          : await client.query(REPLACE_IF(table), [raw, key, write.expect]);
      return result.rowCount === 1;
    }
  };
}

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
    async countAtMost(prefix, field, max) {
      const from = full(prefix);
      const [row] = (await adapter.query(
        `SELECT count(*) AS n FROM ${table} WHERE key COLLATE "C" >= $1 AND key COLLATE "C" < $2 AND (value::jsonb -> 'value' ->> '${fieldName(field)}')::float8 <= $3`,
        [from, prefixEnd(from), max],
      )) as { n: string | number }[];
      return Number(row?.n ?? 0);
    },
    insertIfAbsent: async (key, value) =>
      changed(INSERT_IF_ABSENT(table), [full(key), await codec.encode(value)]),
    replaceIf: async (key, expectedRev, next) =>
      changed(REPLACE_IF(table), [await codec.encode(next), full(key), expectedRev]),
    async put(key, value) {
      await adapter.query(UPSERT(table), [full(key), await codec.encode(value)]);
    },
    async remove(key) {
      await adapter.query(`DELETE FROM ${table} WHERE key = $1`, [full(key)]);
    },
  });
}
