import KeyvSqlite from "@keyv/sqlite";
import { afterAll, expect, test } from "vitest";
import { boardSpec } from "../../../src/domain/board.js";
import { StoreOpenError } from "../../../src/store/namespace.js";
import { openStore } from "../../../src/store/open-store.js";
import { answer } from "../records.js";
import { SQLITE } from "../store-engines.js";

afterAll(() => SQLITE.cleanup());

test("GIVEN a new file THEN it is created in WAL mode so several processes can share it", async () => {
  const url = await SQLITE.freshUrl();
  const store = await openStore(url);
  await store.answers.record(answer());
  await store.close();
  const probe = new KeyvSqlite({ uri: url });
  const [mode] = (await probe.query("PRAGMA journal_mode")) as { journal_mode: string }[];
  await probe.disconnect();
  expect(mode?.journal_mode).toBe("wal");
});

test("GIVEN a path that cannot be a folder THEN opening fails naming SQLite, the path and the fix", async () => {
  const opening = openStore("sqlite:///etc/hostname/drill.sqlite");
  await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
  await expect(opening).rejects.toThrow(
    /^SQLite cannot open \/etc\/hostname\/drill\.sqlite \(.+\): check the path in STORE_URL/,
  );
});

test("GIVEN a file written before the board table existed THEN opening it fills the board from the member rows", async () => {
  const url = await SQLITE.freshUrl();
  const before = await openStore(url);
  await before.members.update("g1", "u1", (m) => ({ ...m, totalAnswers: 2 }));
  await before.members.update("g1", "u2", (m) => ({ ...m, totalAnswers: 5 }));
  await before.close();
  // As a file from an earlier version: member rows, no board table, no triggers.
  const raw = new KeyvSqlite({ uri: url });
  await raw.query("DROP TABLE member_board");
  await raw.query("DROP TRIGGER member_board_insert");
  await raw.query("DROP TRIGGER member_board_update");
  await raw.query("DROP TRIGGER member_board_delete");
  await raw.disconnect();

  const store = await openStore(url);
  const read = () =>
    store.members.board({
      guildId: "g1",
      spec: boardSpec("answers", "2026-11-30", () => true),
      pageIndex: 0,
      pageSize: 10,
      callerId: "u1",
    });
  expect((await read()).page.items.map((e) => [e.userId, e.value])).toEqual([
    ["u2", 5],
    ["u1", 2],
  ]);
  // And the triggers are back: a write shows at once.
  await store.members.update("g1", "u1", (m) => ({ ...m, totalAnswers: 9 }));
  expect((await read()).caller).toEqual({ rank: 1, value: 9 });
  await store.close();
});
