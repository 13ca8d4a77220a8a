import { createClient, createKeyv } from "@keyv/redis";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { StoreError } from "../../../src/store/store-error.js";
import { StoreOpenError } from "../../../src/store/store-error.js";
import { openStore, type Store } from "../../../src/store/open-store.js";
import { boardSpec, type Board } from "../../../src/domain/board.js";
import { expectBoardRebuilt } from "../board-backfill.js";
import { answer, post, saveAnswer, savedAnswer } from "../records.js";
import { failUnlessAvailable, REDIS, REDIS_URL, runsHere } from "../store-engines.js";

describe.runIf(runsHere(REDIS))("the Redis engine", () => {
  failUnlessAvailable(REDIS);
  const admin = createClient({ url: REDIS_URL });
  const opened: Store[] = [];

  async function fresh() {
    const url = await REDIS.freshUrl();
    const store = await openStore(url);
    opened.push(store);
    return { store, prefix: new URL(url).searchParams.get("prefix") ?? "" };
  }

  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((store) => store.close()));
  });
  afterAll(async () => {
    if (admin.isOpen) await admin.close();
    await REDIS.cleanup();
  });

  test("GIVEN member rows written before summaries were kept THEN opening fills them, and each update rewrites its own", async () => {
    const url = await REDIS.freshUrl();
    const space = `${new URL(url).searchParams.get("prefix") ?? ""}:members`;
    if (!admin.isOpen) await admin.connect();
    await expectBoardRebuilt(url, async () => {
      await admin.del([`${space}:board:g1`, `${space}:summaries-filled`]);
    });
    expect(await admin.hGetAll(`${space}:board:g1`)).toEqual({
      u1: "0||0|0|0|9||0",
      u2: "0||0|0|0|5||0",
    });
    const store = await openStore(url);
    opened.push(store);
    await store.members.update("g1", "u2", (m) => ({
      ...m,
      left: true,
      streak: { ...m.streak, current: 3, best: 4, freezes: 1, lastDay: "2026-11-29" },
      week: { start: "2026-11-23", answers: 2 },
    }));
    expect(await admin.hGet(`${space}:board:g1`, "u2")).toBe("1|2026-11-29|1|3|4|5|2026-11-23|2");
  });

  test("GIVEN summaries of another layout THEN opening writes them again from the member rows", async () => {
    const url = await REDIS.freshUrl();
    const space = `${new URL(url).searchParams.get("prefix") ?? ""}:members`;
    if (!admin.isOpen) await admin.connect();
    await expectBoardRebuilt(url, async () => {
      // Summaries without the columns a later version added, marked as a store filled before
      // the layout was recorded ("1").
      await admin.hSet(`${space}:board:g1`, { u1: "0||0|0|0", u2: "0||0|0|0" });
      await admin.set(`${space}:summaries-filled`, "1");
    });
    expect(await admin.get(`${space}:summaries-filled`)).not.toBe("1");
  });

  test("GIVEN summaries in the first version's layout THEN a board reads them as they are", async () => {
    const { store, prefix } = await fresh();
    if (!admin.isOpen) await admin.connect();
    // left|lastDay|freezes|current|best|answers|weekStart|weekAnswers, as that version wrote.
    await admin.hSet(`${prefix}:members:board:g1`, {
      kept: "0|2026-11-28|1|3|4|7|2026-11-30|2",
      gone: "1|2026-11-27|1|3|4|9|2026-11-30|2",
    });
    const read = (board: Board) =>
      store.members.board({
        guildId: "g1",
        spec: boardSpec(board, "2026-11-30", () => true),
        pageIndex: 0,
        pageSize: 10,
        callerId: "kept",
      });
    const values = await Promise.all(
      (["streak", "best", "answers", "week"] as const).map(async (board) =>
        (await read(board)).page.items.map((e) => [e.userId, e.value]),
      ),
    );
    // On 2026-11-30 a last answer on 11-28 with one freeze keeps the streak (11-29 frozen).
    expect(values).toEqual([[["kept", 3]], [["kept", 4]], [["kept", 7]], [["kept", 2]]]);
  });

  test("GIVEN a record stored THEN @keyv/redis's own createKeyv reads it under the namespace", async () => {
    const { store, prefix } = await fresh();
    await saveAnswer(store, answer());
    const stock = createKeyv(REDIS_URL, { namespace: `${prefix}:answers` });
    expect(await stock.get("g1:u1:5")).toEqual(savedAnswer(answer()));
    await stock.disconnect();
  });

  test("GIVEN writes and a release THEN each namespace's key index lists exactly the live keys", async () => {
    const { store, prefix } = await fresh();
    await saveAnswer(store, answer({ id: "1" }));
    await saveAnswer(store, answer({ id: "2", guildId: "g10" }));
    await store.posts.claim(post({ day: "2026-05-04" }));
    await store.posts.claim(post({ day: "2026-05-05" }));
    await store.posts.release("g1", "2026-05-04");
    await store.members.update("g1", "u1", (m) => ({ ...m, totalAnswers: 1 }));
    if (!admin.isOpen) await admin.connect();
    const index = (namespace: string) => admin.zRange(`${prefix}:${namespace}:index`, 0, -1);
    // Byte order: "0" sorts before ":".
    expect(await index("answers")).toEqual(["g10:u1:5", "g1:u1:5"]);
    expect(await index("posts")).toEqual(["g1:2026-05-05"]);
    expect(await index("members")).toEqual(["g10:u1", "g1:u1"]);
    expect(await index("participation")).toEqual(["g10:5:u1", "g1:5:u1"]);
    const records = await admin.keys(`${prefix}:*::*`);
    expect(records.sort()).toEqual([
      `${prefix}:answers::g10:u1:5`,
      `${prefix}:answers::g1:u1:5`,
      `${prefix}:members::g10:u1`,
      `${prefix}:members::g1:u1`,
      `${prefix}:participation::g10:5:u1`,
      `${prefix}:participation::g1:5:u1`,
      `${prefix}:posts::g1:2026-05-05`,
    ]);
  });

  test("GIVEN the connection is cut THEN a read raises StoreError, and once reconnected the data is there", async () => {
    const { store, prefix } = await fresh();
    await store.guilds.update("g1", (s) => ({ ...s, enabled: true }));
    if (!admin.isOpen) await admin.connect();
    const list = await admin.clientList();
    const mine = list.filter((client) => client.name === `daily-drill:${prefix}`);
    expect(mine).toHaveLength(1);
    await admin.clientKill({ filter: "ID", id: Number(mine[0]?.id) });
    await expect(store.guilds.get("g1")).rejects.toBeInstanceOf(StoreError);
    await expect
      .poll(() => store.guilds.get("g1").catch(() => undefined), { timeout: 5_000 })
      .toMatchObject({ enabled: true });
  });

  test("GIVEN no Redis at the address THEN opening fails naming Redis and the fix, without the password", async () => {
    const opening = openStore("redis://:hunter2@127.0.0.1:1");
    await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
    await expect(opening).rejects.toThrow(
      /^Redis at 127\.0\.0\.1:1 did not answer \(.+\): start Redis or correct the host and port in STORE_URL$/,
    );
    await expect(opening).rejects.not.toThrow(/hunter2/);
  });
});
