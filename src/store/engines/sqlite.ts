import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";
import {
  fieldName,
  inKeyOrder,
  prefixEnd,
  withScanPrefix,
  type AtomicOps,
  type CommitWrite,
} from "../atomic.js";
import { entriesOfRows, keyvCodec, type Codec } from "../codec.js";
import { KeyedLock } from "../namespace.js";
import { StoreOpenError } from "../store-error.js";
import type { Engine } from "./engine.js";
import { openSqliteBoard } from "./sqlite-board.js";
import { sqlitePathOf } from "../store-url.js";

/** How long a writer waits for another process's lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * How the connection that commits answers syncs: FULL makes an answer the member was told was
 * saved survive a power cut (with WAL, NORMAL only survives a crash of the process).
 */
export type SqliteOptions = { synchronous?: "FULL" | "NORMAL" };

/**
 * One adapter per namespace: Keyv 5 writes its namespace onto the adapter, so two Keyv
 * instances must never share one. The explicit adapter matters too: given a bare connection
 * string, Keyv 5 silently falls back to an in-memory Map.
 */
export async function openSqlite(url: string, options: SqliteOptions = {}): Promise<Engine> {
  const path = sqlitePathOf(url);
  try {
    if (path !== ":memory:") await mkdir(dirname(path), { recursive: true });
    await enableWal(url);
  } catch (error) {
    throw new StoreOpenError(
      `SQLite cannot open ${path} (${(error as Error).message}): check the path in STORE_URL and that its folder is writable`,
      { cause: error },
    );
  }
  const opened: Keyv[] = [];
  const boards: KeyvSqlite[] = [];
  const committer = sqliteCommitter(url, options.synchronous ?? "FULL");
  return {
    commit: (writes) => committer.commit(writes),
    async open<V>(namespace: string) {
      const adapter = new KeyvSqlite({ uri: url, busyTimeout: BUSY_TIMEOUT_MS });
      // With WAL, synchronous=NORMAL is still safe against application crashes; it is per connection.
      await adapter.query("PRAGMA synchronous = NORMAL");
      // Without throwOnErrors a failed read looks like "nothing stored" and the next write clobbers.
      const keyv = new Keyv<V>({ store: adapter, namespace, throwOnErrors: true });
      opened.push(keyv);
      return { keyv, atomic: sqliteAtomicOps(adapter, keyv, namespace), locks: new KeyedLock() };
    },
    async memberBoard(namespace: string) {
      // A connection of its own: the set-up runs a transaction, which must not take in the
      // statements other callers send on a shared connection meanwhile.
      const connection = new KeyvSqlite({ uri: url, busyTimeout: BUSY_TIMEOUT_MS });
      boards.push(connection);
      return openSqliteBoard(connection, connection.opts.table ?? "keyv", namespace);
    },
    async close() {
      await Promise.all([
        ...opened.splice(0).map((keyv) => keyv.disconnect()),
        ...boards.splice(0).map((connection) => connection.disconnect()),
        committer.close(),
      ]);
    },
  };
}

/**
 * WAL lets readers and a writer (in any process) work on the file at once. Switching to it
 * needs the file to itself and does not wait on the busy handler, so it is done once, on a
 * connection of its own, before the namespaces open; the mode is then stored in the file.
 */
async function enableWal(url: string): Promise<void> {
  const setup = new KeyvSqlite({ uri: url, busyTimeout: BUSY_TIMEOUT_MS });
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await setup.query("PRAGMA journal_mode = WAL");
        return;
      } catch (error) {
        if (attempt >= 50 || !String(error).includes("SQLITE_BUSY")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      }
    }
  } finally {
    await setup.disconnect().catch(() => undefined);
  }
}

/**
 * Multi-key commits on a connection of their own (a transaction takes in every statement sent
 * on its connection), one at a time in this process; BEGIN IMMEDIATE takes the write lock at
 * once, waiting up to the busy timeout for another process's, so a commit never fails half way.
 */
function sqliteCommitter(url: string, synchronous: "FULL" | "NORMAL") {
  let connection: Promise<KeyvSqlite> | undefined;
  const codec = keyvCodec(new Keyv());
  const queue = new KeyedLock();
  const connect = async () => {
    const opened = new KeyvSqlite({ uri: url, busyTimeout: BUSY_TIMEOUT_MS });
    await opened.query(`PRAGMA synchronous = ${synchronous}`);
    return opened;
  };
  return {
    commit: (writes: readonly CommitWrite[]) =>
      queue.run("commit", async () => {
        connection ??= connect();
        const db = await connection;
        const table = db.opts.table ?? "keyv";
        await db.query("BEGIN IMMEDIATE");
        try {
          for (const write of inKeyOrder(writes)) {
            if (!(await applySqliteWrite(db, table, codec, write))) {
              await db.query("ROLLBACK");
              return false;
            }
          }
          await db.query("COMMIT");
          return true;
        } catch (error) {
          await db.query("ROLLBACK").catch(() => undefined);
          throw error;
        }
      }),
    async close() {
      if (connection) await (await connection).disconnect();
    },
  };
}

async function applySqliteWrite(
  db: KeyvSqlite,
  table: string,
  codec: Codec,
  write: CommitWrite,
): Promise<boolean> {
  const key = `${write.namespace}:${write.key}`;
  if ("remove" in write) {
    await db.query(`DELETE FROM ${table} WHERE key = ?`, key);
    return true;
  }
  const raw = await codec.encode(write.value);
  const rows: unknown =
    write.expect === "any"
      ? await db.query(`${UPSERT(table)} RETURNING key`, key, raw)
      : write.expect === "absent"
        ? await db.query(`${INSERT_IF_ABSENT(table)} RETURNING key`, key, raw)
        : await db.query(`${REPLACE_IF(table)} RETURNING key`, raw, key, write.expect);
  return (rows as unknown[]).length === 1;
}

const UPSERT = (table: string) =>
  `INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`;
const INSERT_IF_ABSENT = (table: string) =>
  `INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING`;
const REPLACE_IF = (table: string) =>
  `UPDATE ${table} SET value = ? WHERE key = ? AND json_extract(value, '$.value.rev') = ?`;

function sqliteAtomicOps(adapter: KeyvSqlite, keyv: Keyv, namespace: string): AtomicOps {
  const table = adapter.opts.table ?? "keyv";
  const codec = keyvCodec(keyv);
  const full = (key: string) => `${namespace}:${key}`;
  const changed = async (sql: string, ...params: unknown[]) =>
    ((await adapter.query(sql, ...params)) as unknown[]).length === 1;
  return withScanPrefix({
    // Keyv's own iterator uses LIKE, which SQLite cannot answer from the (binary) key index.
    async scanEntries<V>(prefix: string) {
      const from = full(prefix);
      const rows = (await adapter.query(
        `SELECT key, value FROM ${table} WHERE key >= ? AND key < ?`,
        from,
        prefixEnd(from),
      )) as { key: string; value: string }[];
      return entriesOfRows<V>(codec, namespace, rows);
    },
    async countAtMost(prefix, field, max) {
      const from = full(prefix);
      const [row] = (await adapter.query(
        `SELECT count(*) AS n FROM ${table} WHERE key >= ? AND key < ? AND json_extract(value, '$.value.${fieldName(field)}') <= ?`,
        from,
        prefixEnd(from),
        max,
      )) as { n: number }[];
      return Number(row?.n ?? 0);
    },
    insertIfAbsent: async (key, value) =>
      changed(`${INSERT_IF_ABSENT(table)} RETURNING key`, full(key), await codec.encode(value)),
    replaceIf: async (key, expectedRev, next) =>
      changed(
        `${REPLACE_IF(table)} RETURNING key`,
        await codec.encode(next),
        full(key),
        expectedRev,
      ),
    async put(key, value) {
      await adapter.query(UPSERT(table), full(key), await codec.encode(value));
    },
    async remove(key) {
      await adapter.query(`DELETE FROM ${table} WHERE key = ?`, full(key));
    },
  });
}
