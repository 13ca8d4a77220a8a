import KeyvPostgres from "@keyv/postgres";
import Keyv from "keyv";
import pg from "pg";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { StoreError } from "../../../src/store/store-error.js";
import { scanSql } from "../../../src/store/engines/postgres-atomic.js";
import { StoreOpenError } from "../../../src/store/store-error.js";
import { openStore, type Store } from "../../../src/store/open-store.js";
import { expectBoardKept, expectBoardRebuilt, FIRST_BOARD_COLUMNS } from "../board-backfill.js";
import { answer, saveAnswer, savedAnswer } from "../records.js";
import { failUnlessAvailable, POSTGRES, POSTGRES_URL, runsHere } from "../store-engines.js";
import { memberAnswers } from "../../helpers/store-reads.js";

describe.runIf(runsHere(POSTGRES))("the PostgreSQL engine", () => {
  failUnlessAvailable(POSTGRES);
  const admin = new pg.Pool({ connectionString: POSTGRES_URL });
  const opened: Store[] = [];

  async function fresh() {
    const url = await POSTGRES.freshUrl();
    const schema = new URL(url).searchParams.get("schema") ?? "";
    return { url, schema, store: await open(url) };
  }

  async function open(url: string) {
    const store = await openStore(url);
    opened.push(store);
    return store;
  }

  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((store) => store.close()));
  });
  afterAll(async () => {
    await admin.end();
    await POSTGRES.cleanup();
  });

  test("GIVEN a schema written before the board table existed THEN opening it fills the board from the member rows", async () => {
    const url = await POSTGRES.freshUrl();
    const schema = new URL(url).searchParams.get("schema") ?? "";
    await expectBoardRebuilt(url, async () => {
      await admin.query(`DROP TABLE ${schema}.member_board`);
      await admin.query(`DROP FUNCTION ${schema}.member_board_sync CASCADE`); // and its triggers
    });
  });

  test("GIVEN a board table missing a column a later version declared THEN opening rebuilds it from the member rows", async () => {
    const url = await POSTGRES.freshUrl();
    const schema = new URL(url).searchParams.get("schema") ?? "";
    await expectBoardRebuilt(url, async () => {
      // The trigger function stays, as written for the old table.
      await admin.query(`ALTER TABLE ${schema}.member_board DROP COLUMN answers`);
    });
  });

  test("GIVEN a board table as the first version created it THEN opening keeps it and its trigger writes on", async () => {
    const url = await POSTGRES.freshUrl();
    const schema = new URL(url).searchParams.get("schema") ?? "";
    await expectBoardKept(url, async () => {
      const board = `${schema}.member_board`;
      await admin.query(`DROP TABLE ${board}`);
      // That version's statements, word for word.
      await admin.query(`CREATE TABLE ${board} (
        key VARCHAR(255) PRIMARY KEY, user_id TEXT NOT NULL, has_left BOOLEAN NOT NULL,
        last_day TEXT, freezes INT NOT NULL, current INT NOT NULL, best INT NOT NULL,
        answers INT NOT NULL, week_start TEXT NOT NULL, week_answers INT NOT NULL)`);
      await admin.query(`CREATE INDEX member_board_key_c ON ${board} (key COLLATE "C")`);
      await admin.query(
        `INSERT INTO ${board} (key, user_id, ${FIRST_BOARD_COLUMNS}) VALUES ('members:g1:kept', 'kept', false, NULL, 0, 0, 0, 7, '', 0)`,
      );
    });
  });

  test("GIVEN the prefix read THEN the plan can use the byte-order key index, not a scan of the table", async () => {
    const { schema } = await fresh();
    const client = await admin.connect();
    try {
      await client.query("BEGIN");
      // On a near-empty table the planner rightly prefers a scan; ask whether the index can serve.
      await client.query("SET LOCAL enable_seqscan = off");
      const { rows } = await client.query<{ "QUERY PLAN": string }>(
        `EXPLAIN ${scanSql(`${schema}.keyv`)}`,
        ["members:g1:", "members:g1;"],
      );
      const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
      expect(plan).toMatch(/Index (Only )?Scan using keyv_key_c|Bitmap Index Scan on keyv_key_c/);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });

  test("GIVEN a table whose keys sort linguistically (ICU) THEN prefix reads still keep to the prefix", async () => {
    const url = await POSTGRES.freshUrl();
    const schema = new URL(url).searchParams.get("schema") ?? "";
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(
      `CREATE TABLE ${schema}.keyv(key VARCHAR(255) COLLATE "en-US-x-icu" PRIMARY KEY, value TEXT)`,
    );
    const store = await open(url);
    for (const userId of ["u1", "u1;x", "u1-y", "u10"]) {
      await saveAnswer(store, answer({ userId, id: userId }));
    }
    expect((await memberAnswers(url, "g1", "u1")).map((a) => a.userId)).toEqual(["u1"]);
  });

  test("GIVEN a record stored THEN @keyv/postgres's own adapter reads it", async () => {
    const { store, schema } = await fresh();
    await saveAnswer(store, answer());
    const stock = new Keyv({
      store: new KeyvPostgres({ uri: POSTGRES_URL, schema }),
      namespace: "answers",
    });
    expect(await stock.get("g1:u1:5")).toEqual(savedAnswer(answer()));
    await stock.disconnect();
  });

  test("GIVEN two stores on one URL in one process THEN closing one leaves the other working", async () => {
    const { store, url } = await fresh();
    const other = await open(url);
    await store.close();
    opened.splice(opened.indexOf(store), 1);
    await saveAnswer(other, answer());
    expect(await memberAnswers(url, "g1", "u1")).toEqual([savedAnswer(answer())]);
  });

  test("GIVEN the table is gone THEN reads raise StoreError instead of looking empty", async () => {
    const { store, schema } = await fresh();
    await store.guilds.update("g1", (s) => ({ ...s, enabled: true }));
    await admin.query(`DROP TABLE ${schema}.keyv`);
    await expect(store.guilds.get("g1")).rejects.toBeInstanceOf(StoreError);
    await expect(store.members.get("g1", "u1")).rejects.toBeInstanceOf(StoreError);
  });

  test.each([
    [
      "postgres://postgres:hunter2@127.0.0.1:1/test",
      /^PostgreSQL at 127\.0\.0\.1:1\/test could not be opened \(.+\): start PostgreSQL or correct the host and port in STORE_URL$/,
    ],
    [
      `${POSTGRES_URL.replace(/\/[^/]*$/, "")}/no_such_database_here`,
      /could not be opened \(database "no_such_database_here" does not exist\): create the database/,
    ],
    [
      `${POSTGRES_URL}?schema=Bad-Name`,
      /^PostgreSQL schema "Bad-Name" in STORE_URL is not a plain name/,
    ],
  ])("GIVEN %s THEN opening fails with StoreOpenError naming the fix", async (url, message) => {
    const opening = openStore(url);
    await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
    await expect(opening).rejects.toThrow(message);
    await expect(opening).rejects.not.toThrow(/hunter2/);
  });
});
