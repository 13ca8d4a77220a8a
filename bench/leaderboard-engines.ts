import { boardSpec } from "../src/domain/board.js";
import { isPostingDay } from "../src/domain/schedule.js";
import { openStore, type Store } from "../src/store/open-store.js";
import { POSTGRES, REDIS, SQLITE, type EngineFixture } from "../tests/store/engine-fixtures.js";
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

/** The engine's figure, or why it was left out; its store is removed either way. */
async function benchEngine(engine: EngineFixture): Promise<Sample | string> {
  if (engine.unavailable) return `${engine.name} left out: ${engine.unavailable}`;
  try {
    return await measureEngine(engine.name, await engine.freshUrl());
  } finally {
    await engine.cleanup();
  }
}

export async function benchEngines(): Promise<void> {
  const baseline = await benchEngine(SQLITE);
  if (typeof baseline === "string") throw new Error(baseline);
  const results = [await benchEngine(POSTGRES), await benchEngine(REDIS)];
  for (const result of results) if (typeof result === "string") console.log(result);
  printTable(
    `Leaderboard of a ${MEMBERS / 1000}k-member server by store engine (same members on each; SQLite the baseline)`,
    baseline,
    results.filter((result): result is Sample => typeof result !== "string"),
  );
}

await benchEngines();
