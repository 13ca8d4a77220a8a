import KeyvSqlite from "@keyv/sqlite";
import { afterAll, expect, test } from "vitest";
import { StoreOpenError } from "../../../src/store/namespace.js";
import { openStore } from "../../../src/store/open-store.js";
import { expectBoardRebuilt } from "../board-backfill.js";
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
