import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import { afterEach, describe, expect, test } from "vitest";
import { StoreError } from "../../src/store/answers.js";
import { openStore, type Store } from "../../src/store/open-store.js";

const opened: Store[] = [];
const dirs: string[] = [];

async function freshStore(file = "drill.sqlite") {
  const dir = await mkdtemp(join(tmpdir(), "store-"));
  dirs.push(dir);
  const url = `sqlite://${join(dir, "nested", file)}`;
  const store = await openStore(url);
  opened.push(store);
  return { store, url, path: join(dir, "nested", file) };
}

afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((store) => store.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const answer = (overrides: Partial<Parameters<Store["answers"]["record"]>[0]> = {}) => ({
  id: "1000",
  guildId: "g1",
  userId: "u1",
  question: 5,
  text: "模型解释性",
  at: 1_780_000_000_000,
  ...overrides,
});

describe("answer store on SQLite", () => {
  test("GIVEN answers recorded THEN a member's answers come back in time order, others' excluded", async () => {
    const { store } = await freshStore();
    await store.answers.record(answer({ id: "2", at: 20 }));
    await store.answers.record(answer({ id: "1", at: 10, question: 7 }));
    await store.answers.record(answer({ id: "3", userId: "u2" }));
    await store.answers.record(answer({ id: "4", guildId: "g2" }));
    const mine = await store.answers.listByMember("g1", "u1");
    expect(mine.map((a) => [a.id, a.question])).toEqual([
      ["1", 7],
      ["2", 5],
    ]);
  });

  test("GIVEN the store is closed and reopened THEN the answers survive (a restart)", async () => {
    const { store, url } = await freshStore();
    await store.answers.record(answer());
    await store.close();
    opened.splice(opened.indexOf(store), 1);
    const reopened = await openStore(url);
    opened.push(reopened);
    expect(await reopened.answers.listByMember("g1", "u1")).toEqual([answer()]);
  });

  test("GIVEN a new file THEN it is created in WAL mode so several processes can share it", async () => {
    const { store, path } = await freshStore();
    await store.answers.record(answer());
    const probe = new KeyvSqlite({ uri: `sqlite://${path}` });
    const [mode] = (await probe.query("PRAGMA journal_mode")) as { journal_mode: string }[];
    await probe.disconnect();
    expect(mode?.journal_mode).toBe("wal");
  });

  test("GIVEN the database fails THEN a read raises StoreError instead of looking empty", async () => {
    const { store } = await freshStore();
    await store.answers.record(answer());
    await store.close();
    opened.splice(opened.indexOf(store), 1);
    await expect(store.answers.listByMember("g1", "u1")).rejects.toBeInstanceOf(StoreError);
    await expect(store.answers.record(answer({ id: "9" }))).rejects.toBeInstanceOf(StoreError);
  });

  test("GIVEN two connections on one file (two processes) THEN both see each other's writes", async () => {
    const { store, url } = await freshStore();
    const other = await openStore(url);
    opened.push(other);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? store : other).answers.record(answer({ id: String(i), at: i })),
      ),
    );
    expect(await store.answers.listByMember("g1", "u1")).toHaveLength(40);
  });
});
