import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";
import { prefixEnd, withScanPrefix, type AtomicOps } from "../atomic.js";
import { entriesOfRows, keyvCodec } from "../codec.js";
import { KeyedLock, StoreOpenError } from "../namespace.js";
import type { Engine } from "./engine.js";
import { openSqliteBoard } from "./sqlite-board.js";

/** How long a writer waits for another process's lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * One adapter per namespace: Keyv 5 writes its namespace onto the adapter, so two Keyv
 * instances must never share one. The explicit adapter matters too: given a bare connection
 * string, Keyv 5 silently falls back to an in-memory Map.
 */
export async function openSqlite(url: string): Promise<Engine> {
  const path = url.replace(/^sqlite:\/\//, "");
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
  return {
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
    insertIfAbsent: async (key, value) =>
      changed(
        `INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING RETURNING key`,
        full(key),
        await codec.encode(value),
      ),
    replaceIf: async (key, expectedRev, next) =>
      changed(
        `UPDATE ${table} SET value = ? WHERE key = ? AND json_extract(value, '$.value.rev') = ? RETURNING key`,
        await codec.encode(next),
        full(key),
        expectedRev,
      ),
    async put(key, value) {
      await adapter.query(
        `INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        full(key),
        await codec.encode(value),
      );
    },
    async remove(key) {
      await adapter.query(`DELETE FROM ${table} WHERE key = ?`, full(key));
    },
  });
}
