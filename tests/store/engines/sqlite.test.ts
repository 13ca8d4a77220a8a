import KeyvSqlite from "@keyv/sqlite";
import { afterAll, expect, test } from "vitest";
import { StoreOpenError } from "../../../src/store/store-error.js";
import { openStore } from "../../../src/store/open-store.js";
import { expectBoardKept, expectBoardRebuilt, FIRST_BOARD_COLUMNS } from "../board-backfill.js";
import { answer, saveAnswer } from "../records.js";
import { SQLITE } from "../store-engines.js";

afterAll(() => SQLITE.cleanup());

test("GIVEN a new file THEN it is created in WAL mode so several processes can share it", async () => {
  const url = await SQLITE.freshUrl();
  const store = await openStore(url);
  await saveAnswer(store, answer());
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
  await expectBoardRebuilt(url, async () => {
    const raw = new KeyvSqlite({ uri: url });
    await raw.query("DROP TABLE member_board");
    for (const trigger of ["insert", "update", "delete"])
      await raw.query(`DROP TRIGGER member_board_${trigger}`);
    await raw.disconnect();
  });
});

test("GIVEN a board table missing a column a later version declared THEN opening rebuilds it from the member rows", async () => {
  const url = await SQLITE.freshUrl();
  await expectBoardRebuilt(url, async () => {
    const raw = new KeyvSqlite({ uri: url });
    // The triggers stay, as written for the old table; a write through them would now fail.
    await raw.query("DROP TABLE member_board");
    await raw.query(
      "CREATE TABLE member_board (key TEXT PRIMARY KEY, user_id TEXT NOT NULL, has_left INTEGER NOT NULL, last_day TEXT) WITHOUT ROWID",
    );
    await raw.disconnect();
  });
});

test("GIVEN a board table as the first version created it THEN opening keeps it and its triggers write on", async () => {
  const url = await SQLITE.freshUrl();
  await expectBoardKept(url, async () => {
    const raw = new KeyvSqlite({ uri: url });
    await raw.query("DROP TABLE member_board");
    // That version's statement, word for word.
    await raw.query(`CREATE TABLE member_board (
        key TEXT PRIMARY KEY, user_id TEXT NOT NULL, has_left INTEGER NOT NULL, last_day TEXT,
        freezes INTEGER NOT NULL, current INTEGER NOT NULL, best INTEGER NOT NULL,
        answers INTEGER NOT NULL, week_start TEXT NOT NULL, week_answers INTEGER NOT NULL
      ) WITHOUT ROWID`);
    await raw.query(
      `INSERT INTO member_board (key, user_id, ${FIRST_BOARD_COLUMNS}) VALUES ('members:g1:kept', 'kept', 0, NULL, 0, 0, 0, 7, '', 0)`,
    );
    await raw.disconnect();
  });
});
