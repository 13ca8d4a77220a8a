import type KeyvSqlite from "@keyv/sqlite";
import { prefixEnd } from "../atomic.js";
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

/** The board row of the Keyv row `row`; absent fields (rows from older versions) count as 0. */
function rowOf(row: string): string {
  const field = (path: string) => `json_extract(${row}.value, '$.value.${path}')`;
  return `SELECT ${row}.key, ${field("userId")}, coalesce(${field("left")}, 0),
    ${field("streak.lastDay")}, coalesce(${field("streak.freezes")}, 0),
    coalesce(${field("streak.current")}, 0), coalesce(${field("streak.best")}, 0),
    coalesce(${field("totalAnswers")}, 0), coalesce(${field("week.start")}, ''),
    coalesce(${field("week.answers")}, 0)`;
}

/**
 * Creates the table and its triggers once per file, and fills it from the member rows already
 * there (a file from before the board table). In one IMMEDIATE transaction, so two processes
 * opening the file together neither race nor miss a write made in between.
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
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
      BOARD_TABLE,
    )) as unknown[];
    if (existing.length === 0) {
      await connection.query(`CREATE TABLE ${BOARD_TABLE} (
        key TEXT PRIMARY KEY, user_id TEXT NOT NULL, has_left INTEGER NOT NULL, last_day TEXT,
        freezes INTEGER NOT NULL, current INTEGER NOT NULL, best INTEGER NOT NULL,
        answers INTEGER NOT NULL, week_start TEXT NOT NULL, week_answers INTEGER NOT NULL
      ) WITHOUT ROWID`);
      for (const [name, event] of [
        ["insert", "INSERT"],
        ["update", "UPDATE OF value"],
      ]) {
        await connection.query(
          `CREATE TRIGGER ${BOARD_TABLE}_${name} AFTER ${event} ON ${table}
           WHEN ${inNamespace("new")}
           BEGIN INSERT OR REPLACE INTO ${BOARD_TABLE} ${rowOf("new")}; END`,
        );
      }
      await connection.query(
        `CREATE TRIGGER ${BOARD_TABLE}_delete AFTER DELETE ON ${table} WHEN ${inNamespace("old")}
         BEGIN DELETE FROM ${BOARD_TABLE} WHERE key = old.key; END`,
      );
      await connection.query(
        `INSERT INTO ${BOARD_TABLE} ${rowOf("keyv_row")} FROM ${table} keyv_row WHERE ${inNamespace("keyv_row")}`,
      );
    }
    await connection.query("COMMIT");
  } catch (error) {
    await connection.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
