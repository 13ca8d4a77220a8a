import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { createClient } from "@keyv/redis";
import pg from "pg";
import { boardSpec } from "../src/domain/board.js";
import { isPostingDay } from "../src/domain/schedule.js";
import { openStore, type Store } from "../src/store/open-store.js";
import { measure, printTable, type Sample } from "./harness.js";
import { seededMember, userIdOf } from "./seed-members.js";

/*
 * `npm run bench:engines`: the first page of a 10,000-member board on each engine, the same
 * members written through the store on each. Baseline: SQLite, the default, in the same run.
 * Redis and PostgreSQL are the servers .ci/run starts (TEST_REDIS_URL / TEST_POSTGRES_URL to
 * point elsewhere); one that does not answer is left out with a line saying so.
 */

const MEMBERS = 10_000;
const RUNS = 60;
const WARMUP = 6;
const TODAY = "2025-06-04";
const GUILD = "guild-10000";
const run = `bench_${randomBytes(4).toString("hex")}`;
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function seed(store: Store): Promise<void> {
  for (let start = 0; start < MEMBERS; start += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, MEMBERS - start) }, (_, k) => {
        const member = seededMember(GUILD, start + k, TODAY);
        return store.members.update(GUILD, member.userId, (current) => ({
          ...member,
          rev: current.rev,
        }));
      }),
    );
  }
}

async function measureEngine(engine: string, url: string): Promise<Sample> {
  const store = await openStore(url);
  try {
    await seed(store);
    const spec = boardSpec("streak", TODAY, (day) => isPostingDay(day, [1, 2, 3, 4, 5]));
    const query = { guildId: GUILD, spec, pageIndex: 0, pageSize: 10, callerId: userIdOf(5000) };
    return await measure(`${engine}: board page 1`, () => store.members.board(query), RUNS, WARMUP);
  } finally {
    await store.close();
  }
}

async function withRedis(): Promise<Sample | string> {
  const url = new URL(REDIS_URL);
  url.searchParams.set("prefix", run);
  try {
    return await measureEngine("redis", url.toString());
  } catch (error) {
    return `redis left out: ${(error as Error).message}`;
  } finally {
    const client = createClient({ url: REDIS_URL });
    client.on("error", () => undefined);
    await client.connect().catch(() => undefined);
    if (client.isOpen) {
      for await (const keys of client.scanIterator({ MATCH: `${run}:*`, COUNT: 1_000 }))
        if (keys.length > 0) await client.unlink(keys);
      await client.close();
    }
  }
}

async function withPostgres(): Promise<Sample | string> {
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("schema", run);
  try {
    return await measureEngine("postgres", url.toString());
  } catch (error) {
    return `postgres left out: ${(error as Error).message}`;
  } finally {
    const pool = new pg.Pool({ connectionString: POSTGRES_URL });
    await pool.query(`DROP SCHEMA IF EXISTS ${run} CASCADE`).catch(() => undefined);
    await pool.end();
  }
}

export async function benchEngines(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "bench-engines-"));
  try {
    const baseline = await measureEngine("sqlite (baseline)", `sqlite://${join(dir, "s.sqlite")}`);
    const results = [await withPostgres(), await withRedis()];
    for (const result of results) if (typeof result === "string") console.log(result);
    printTable(
      `Leaderboard of a ${MEMBERS / 1000}k-member server by store engine (same members on each)`,
      baseline,
      results.filter((result): result is Sample => typeof result !== "string"),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await benchEngines();
