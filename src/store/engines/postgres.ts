import KeyvPostgres, { type KeyvPostgresOptions } from "@keyv/postgres";
import Keyv from "keyv";
import pg, { type Pool } from "pg";
import { keyvCodec } from "../codec.js";
import { KeyedLock } from "../namespace.js";
import { StoreOpenError } from "../store-error.js";
import { redact } from "../store-url.js";
import type { Engine } from "./engine.js";
import { postgresAtomicOps, postgresCommit } from "./postgres-atomic.js";
import { openPostgresBoard } from "./postgres-board.js";
import { underSchemaLock } from "./postgres-ddl.js";

const CONNECT_TIMEOUT_MS = 5_000;
const TABLE = "keyv";
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

type PooledOptions = KeyvPostgresOptions & { pool: Pool };

/**
 * @keyv/postgres 2.2.3 keeps one module-wide pool for the last URI it saw, and its disconnect()
 * ends whichever pool that is, so two stores in one process (a migration, a test's second
 * connection) would close each other's. This adapter runs on the pool the engine owns.
 */
class PooledKeyvPostgres extends KeyvPostgres {
  // Called from the base constructor, before this class's fields exist: hence the options.
  override connect() {
    const { pool } = this.opts as PooledOptions;
    return Promise.resolve(async (sql: string, values?: unknown[]) => {
      const result = await pool.query(sql, values);
      return result.rows as unknown[];
    });
  }

  override disconnect() {
    return Promise.resolve();
  }
}

/**
 * `postgres://user[:password]@host:port/database[?schema=name]` (or postgresql://). Records go
 * in `<schema>.keyv` (default schema public) in @keyv/postgres's layout, keys `namespace:key`.
 */
export async function openPostgres(url: string): Promise<Engine> {
  const target = new URL(url);
  const schema = target.searchParams.get("schema") ?? "public";
  target.searchParams.delete("schema");
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreOpenError(
      `PostgreSQL schema "${schema}" in STORE_URL is not a plain name: use lower-case letters, digits and _`,
    );
  }
  const connection = target.toString();
  const pool = new pg.Pool({
    connectionString: connection,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle connection the server dropped: the pool replaces it, and queries report their own.
  pool.on("error", () => undefined);
  const table = `${schema}.${TABLE}`;
  try {
    await prepare(pool, schema, table);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreOpenError(describeFailure(error as Error, url), { cause: error });
  }
  let ended = false;
  return {
    commit: postgresCommit(pool, keyvCodec(new Keyv()), table),
    async open<V>(namespace: string) {
      const options: PooledOptions = { uri: connection, schema, table: TABLE, pool };
      const adapter = new PooledKeyvPostgres(options);
      // Queries wait for the adapter's own CREATE TABLE; let it finish now, not at some later read.
      await adapter.query("SELECT 1");
      const keyv = new Keyv<V>({ store: adapter, namespace, throwOnErrors: true });
      const atomic = postgresAtomicOps(adapter, keyvCodec(keyv), table, namespace);
      return { keyv, atomic, locks: new KeyedLock() };
    },
    memberBoard: (namespace: string) => openPostgresBoard(pool, schema, table, namespace),
    async close() {
      if (ended) return;
      ended = true;
      await pool.end();
    },
  };
}

/** The table @keyv/postgres would create, plus the byte-order index prefix reads need. */
function prepare(pool: Pool, schema: string, table: string): Promise<void> {
  return underSchemaLock(pool, schema, async (client) => {
    if (schema !== "public") await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${table}(key VARCHAR(255) PRIMARY KEY, value TEXT)`,
    );
    await client.query(`CREATE INDEX IF NOT EXISTS ${TABLE}_key_c ON ${table} (key COLLATE "C")`);
  });
}

const FIXES: [RegExp, string][] = [
  [/^28/, "check the user and password in STORE_URL"],
  [/^3D000$/, "create the database (createdb NAME) or correct its name in STORE_URL"],
  [/^42501$/, "grant the user CREATE on the database, or name a schema it owns with ?schema="],
];

function describeFailure(error: Error & { code?: string }, url: string): string {
  const { hostname, port, pathname } = new URL(url);
  const where = `${hostname || "localhost"}:${port || 5432}${pathname}`;
  const cause = redact(error.message || error.code || String(error), url);
  const fix =
    FIXES.find(([code]) => code.test(error.code ?? ""))?.[1] ??
    "start PostgreSQL or correct the host and port in STORE_URL";
  return `PostgreSQL at ${where} could not be opened (${cause}): ${fix}`;
}
