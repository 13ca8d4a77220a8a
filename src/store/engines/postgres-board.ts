import type { Pool } from "pg";
import { underSchemaLock } from "./postgres-ddl.js";
import { prefixEnd } from "../atomic.js";
import { BOARD_COLUMNS, type BoardColumnType } from "../board-columns.js";
import { sqlBoard, type MemberBoard } from "../member-board.js";

const BOARD_TABLE = "member_board";

/**
 * As on SQLite (sqlite-board.ts): the numbers a board ranks by in plain columns, one row per
 * member row, kept in step by triggers inside the statement that writes the member row. Ranking
 * from the JSON instead costs a jsonb parse of every member row: ~0.5 s for 10,000 members.
 */
export async function openPostgresBoard(
  pool: Pool,
  schema: string,
  table: string,
  namespace: string,
): Promise<MemberBoard> {
  const board = `${schema}.${BOARD_TABLE}`;
  await prepareBoardTable(pool, schema, table, board, namespace);
  return sqlBoard({
    placeholder: (n) => `$${n}`,
    members: (param, guildId) => {
      const from = `${namespace}:${guildId}:`;
      return `(SELECT * FROM ${board} WHERE key COLLATE "C" >= ${param(from)} AND key COLLATE "C" < ${param(prefixEnd(from))})`;
    },
    text: (column) => `${column} COLLATE "C"`,
    keyOf: (guildId, userId) => `${namespace}:${guildId}:${userId}`,
    run: async (sql, params) => (await pool.query(sql, params)).rows as Record<string, unknown>[],
  });
}

/**
 * Each column type's PostgreSQL type (as information_schema.columns names it), its cast from
 * JSON text, and its value for a field the member row lacks (NULL stays).
 */
const COLUMN_TYPES: Record<
  BoardColumnType,
  { sql: string; dataType: string; cast: string; absent: string | null }
> = {
  count: { sql: "INT", dataType: "integer", cast: "::int", absent: "0" },
  text: { sql: "TEXT", dataType: "text", cast: "", absent: "''" },
  day: { sql: "TEXT", dataType: "text", cast: "", absent: null },
  flag: { sql: "BOOLEAN", dataType: "boolean", cast: "::boolean", absent: "false" },
};

/** The table's layout as information_schema.columns gives it: name and type, in order. */
const LAYOUT = [
  "key character varying",
  "user_id text",
  ...BOARD_COLUMNS.map(({ name, type }) => `${name} ${COLUMN_TYPES[type].dataType}`),
].join(", ");

const COLUMN_DDL = BOARD_COLUMNS.map(
  ({ name, type }) =>
    `${name} ${COLUMN_TYPES[type].sql}${COLUMN_TYPES[type].absent === null ? "" : " NOT NULL"}`,
).join(", ");

const COLUMN_NAMES = `(key, user_id, ${BOARD_COLUMNS.map(({ name }) => name).join(", ")})`;

const UPDATE_ALL = ["user_id", ...BOARD_COLUMNS.map(({ name }) => name)]
  .map((name) => `${name} = EXCLUDED.${name}`)
  .join(", ");

/**
 * The board row of the Keyv row `row` (from `source`, when it is not the trigger's NEW); a
 * field it lacks (a row from an older version) is absent.
 */
function rowOf(row: string, source = ""): string {
  const columns = BOARD_COLUMNS.map(({ type, path }) => {
    const { cast, absent } = COLUMN_TYPES[type];
    const value = `(m #>> '{${path.join(",")}}')${cast}`;
    return absent === null ? value : `coalesce(${value}, ${absent})`;
  });
  return `SELECT ${row}.key, m ->> 'userId', ${columns.join(", ")}
    FROM ${source}LATERAL (SELECT ${row}.value::jsonb -> 'value' AS m) member`;
}

/**
 * Creates the table, its trigger function and triggers once per schema (again when the board
 * columns changed), and fills the table from the member rows already there, in one transaction
 * under the schema's advisory lock.
 */
async function prepareBoardTable(
  pool: Pool,
  schema: string,
  table: string,
  board: string,
  namespace: string,
): Promise<void> {
  const inNamespace = (row: string) =>
    `${row}.key COLLATE "C" >= '${namespace}:' AND ${row}.key COLLATE "C" < '${prefixEnd(`${namespace}:`)}'`;
  const sync = `${schema}.${BOARD_TABLE}_sync`;
  await underSchemaLock(pool, schema, async (client) => {
    const { rows } = await client.query<{ name: string; type: string }>(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns
       WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
      [schema, BOARD_TABLE],
    );
    if (rows.map(({ name, type }) => `${name} ${type}`).join(", ") === LAYOUT) return;
    await client.query(`DROP TABLE IF EXISTS ${board}`);
    await client.query(`DROP FUNCTION IF EXISTS ${sync}() CASCADE`); // and its triggers
    await client.query(`CREATE TABLE ${board} (
      key VARCHAR(255) PRIMARY KEY, user_id TEXT NOT NULL, ${COLUMN_DDL})`);
    await client.query(`CREATE INDEX ${BOARD_TABLE}_key_c ON ${board} (key COLLATE "C")`);
    await client.query(`CREATE FUNCTION ${sync}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          DELETE FROM ${board} WHERE key = OLD.key;
          RETURN OLD;
        END IF;
        INSERT INTO ${board} ${COLUMN_NAMES} ${rowOf("NEW")}
        ON CONFLICT (key) DO UPDATE SET ${UPDATE_ALL};
        RETURN NEW;
      END $$`);
    await client.query(`CREATE TRIGGER ${BOARD_TABLE}_write AFTER INSERT OR UPDATE OF value
      ON ${table} FOR EACH ROW WHEN (${inNamespace("NEW")}) EXECUTE FUNCTION ${sync}()`);
    await client.query(`CREATE TRIGGER ${BOARD_TABLE}_delete AFTER DELETE
      ON ${table} FOR EACH ROW WHEN (${inNamespace("OLD")}) EXECUTE FUNCTION ${sync}()`);
    await client.query(
      `INSERT INTO ${board} ${COLUMN_NAMES} ${rowOf("keyv_row", `${table} keyv_row, `)} WHERE ${inNamespace("keyv_row")}`,
    );
  });
}
