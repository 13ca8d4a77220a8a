import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@keyv/redis";
import pg from "pg";

/*
 * A fresh, empty store on each engine, and its removal: for the store suites and for
 * `npm run bench:engines`. No vitest here, so a benchmark can import it.
 */

/** The servers .ci/run starts; override to point the suite elsewhere. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
export const POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export type EngineFixture = {
  name: "sqlite" | "redis" | "postgres";
  /** Why this engine cannot be tested here; undefined when it can. */
  unavailable: string | undefined;
  /** The URL of a new, empty store of its own (a file, a key prefix or a schema). */
  freshUrl(): Promise<string>;
  /** Removes everything freshUrl() made. */
  cleanup(): Promise<void>;
};

const runId = () => `drill_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;

function withParam(url: string, name: string, value: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set(name, value);
  return parsed.toString();
}

async function probeRedis(): Promise<string | undefined> {
  const client = createClient({
    url: REDIS_URL,
    socket: { connectTimeout: 1_000, reconnectStrategy: false },
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.ping();
    await client.close();
    return undefined;
  } catch (error) {
    return `Redis at ${REDIS_URL} is not reachable (${(error as Error).message})`;
  }
}

async function probePostgres(): Promise<string | undefined> {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 1_000 });
  try {
    await pool.query("SELECT 1");
    return undefined;
  } catch (error) {
    const { message, code } = error as Error & { code?: string };
    return `PostgreSQL at ${POSTGRES_URL} is not reachable (${message || code})`;
  } finally {
    await pool.end();
  }
}

function sqliteFixture(): EngineFixture {
  const dirs: string[] = [];
  return {
    name: "sqlite",
    unavailable: undefined,
    async freshUrl() {
      const dir = await mkdtemp(join(tmpdir(), "store-"));
      dirs.push(dir);
      return `sqlite://${join(dir, "nested", "drill.sqlite")}`;
    },
    async cleanup() {
      await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

function redisFixture(unavailable: string | undefined): EngineFixture {
  const prefixes: string[] = [];
  return {
    name: "redis",
    unavailable,
    freshUrl() {
      const prefix = runId();
      prefixes.push(prefix);
      return Promise.resolve(withParam(REDIS_URL, "prefix", prefix));
    },
    async cleanup() {
      if (prefixes.length === 0) return;
      const client = createClient({ url: REDIS_URL });
      await client.connect();
      for (const prefix of prefixes.splice(0)) {
        for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1_000 })) {
          if (keys.length > 0) await client.unlink(keys);
        }
      }
      await client.close();
    },
  };
}

function postgresFixture(unavailable: string | undefined): EngineFixture {
  const schemas: string[] = [];
  return {
    name: "postgres",
    unavailable,
    freshUrl() {
      const schema = runId();
      schemas.push(schema);
      return Promise.resolve(withParam(POSTGRES_URL, "schema", schema));
    },
    async cleanup() {
      if (schemas.length === 0) return;
      const pool = new pg.Pool({ connectionString: POSTGRES_URL });
      for (const schema of schemas.splice(0)) {
        await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      }
      await pool.end();
    },
  };
}

const [redisDown, postgresDown] = await Promise.all([probeRedis(), probePostgres()]);

export const SQLITE = sqliteFixture();
export const REDIS = redisFixture(redisDown);
export const POSTGRES = postgresFixture(postgresDown);
export const ENGINES: EngineFixture[] = [SQLITE, REDIS, POSTGRES];
