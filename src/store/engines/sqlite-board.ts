import type KeyvSqlite from "@keyv/sqlite";
import { prefixEnd } from "../atomic.js";
import { BOARD_COLUMNS, type BoardColumnType } from "../board-columns.js";
import { sqlBoard, type MemberBoard } from "../member-board.js";

const BOARD_TABLE = "member_board";

/**
 * The numbers a board ranks by, one row per member row of `namespace`, in real columns: ranking
 * a 10,000-member server then reads ~40 bytes a member instead of parsing ~300 bytes of JSON.
 * Triggers on Keyv's table keep it in step inside the very statement that writes the member row,
 * so it can never disagree with the row, whoever writes (any process, migrate-store, Keyv).
 */
export async function openSqliteBoard(
  connection: KeyvSqlite,
  table: string,
  namespace: string,
): Promise<MemberBoard> {
  await prepareBoardTable(connection, table, namespace);
  return sqlBoard({
    placeholder: (n) => `?${n}`,
    members: (param, guildId) => {
      const from = `${namespace}:${guildId}:`;
      return `(SELECT * FROM ${BOARD_TABLE} WHERE key >= ${param(from)} AND key < ${param(prefixEnd(from))})`;
    },
    // SQLite's default collation already compares bytes.
    text: (column) => column,
    keyOf: (guildId, userId) => `${namespace}:${guildId}:${userId}`,
    run: async (sql, params) =>
      (await connection.query(sql, ...params)) as Record<string, unknown>[],
  });
}

/** Each column type's SQLite type and its value for a field the member row lacks (NULL stays). */
const COLUMN_TYPES: Record<BoardColumnType, { sql: string; absent: string | null }> = {
  count: { sql: "INTEGER", absent: "0" },
  text: { sql: "TEXT", absent: "''" },
  day: { sql: "TEXT", absent: null },
  flag: { sql: "INTEGER", absent: "0" },
};

/** The table's layout as PRAGMA table_info gives it: name and declared type, in order. */
const LAYOUT = [
  "key TEXT",
  "user_id TEXT",
  ...BOARD_COLUMNS.map(({ name, type }) => `${name} ${COLUMN_TYPES[type].sql}`),
].join(", ");

const CREATE_TABLE = `CREATE TABLE ${BOARD_TABLE} (key TEXT PRIMARY KEY, user_id TEXT NOT NULL, ${BOARD_COLUMNS.map(
  ({ name, type }) =>
    `${name} ${COLUMN_TYPES[type].sql}${COLUMN_TYPES[type].absent === null ? "" : " NOT NULL"}`,
).join(", ")}) WITHOUT ROWID`;

const COLUMN_NAMES = `(key, user_id, ${BOARD_COLUMNS.map(({ name }) => name).join(", ")})`;

/** The board row of the Keyv row `row`; a field it lacks (a row from an older version) is absent. */
function rowOf(row: string): string {
  const field = (path: readonly string[]) =>
    `json_extract(${row}.value, '$.value.${path.join(".")}')`;
  const columns = BOARD_COLUMNS.map(({ type, path }) => {
    const { absent } = COLUMN_TYPES[type];
    return absent === null ? field(path) : `coalesce(${field(path)}, ${absent})`;
  });
  return `SELECT ${row}.key, ${field(["userId"])}, ${columns.join(", ")}`;
}

/**
 * Creates the table and its triggers once per file (again when the board columns changed), and
 * fills it from the member rows already there (a file from before the board table). In one
 * IMMEDIATE transaction, so two processes opening the file together neither race nor miss a
 * write made in between.
 */
async function prepareBoardTable(
  connection: KeyvSqlite,
  table: string,
  namespace: string,
): Promise<void> {
  const inNamespace = (row: string) =>
    `${row}.key >= '${namespace}:' AND ${row}.key < '${prefixEnd(`${namespace}:`)}'`;
  await connection.query("BEGIN IMMEDIATE");
  try {
    const existing = (await connection.query(
      "SELECT name, type FROM pragma_table_info(?) ORDER BY cid",
      BOARD_TABLE,
    )) as { name: string; type: string }[];
    if (existing.map(({ name, type }) => `${name} ${type}`).join(", ") !== LAYOUT) {
      if (existing.length > 0) await connection.query(`DROP TABLE ${BOARD_TABLE}`);
      for (const name of ["insert", "update", "delete"]) {
        await connection.query(`DROP TRIGGER IF EXISTS ${BOARD_TABLE}_${name}`);
      }
      await connection.query(CREATE_TABLE);
      for (const [name, event] of [
        ["insert", "INSERT"],
        ["update", "UPDATE OF value"],
      ]) {
        await connection.query(
          `CREATE TRIGGER ${BOARD_TABLE}_${name} AFTER ${event} ON ${table}
           WHEN ${inNamespace("new")}
           BEGIN INSERT OR REPLACE INTO ${BOARD_TABLE} ${COLUMN_NAMES} ${rowOf("new")}; END`,
        );
      }
      await connection.query(
        `CREATE TRIGGER ${BOARD_TABLE}_delete AFTER DELETE ON ${table} WHEN ${inNamespace("old")}
         BEGIN DELETE FROM ${BOARD_TABLE} WHERE key = old.key; END`,
      );
      await connection.query(
        `INSERT INTO ${BOARD_TABLE} ${COLUMN_NAMES} ${rowOf("keyv_row")} FROM ${table} keyv_row WHERE ${inNamespace("keyv_row")}`,
      );
    }
    await connection.query("COMMIT");
  } catch (error) {
    await connection.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
