import type { BoardRow } from "./member-board.js";

/*
 * The numbers a board ranks by, declared once. Each engine derives its copy of a member from this
 * list: the SQL engines their member_board table, its triggers and the fill of an older store
 * (sqlite-board.ts, postgres-board.ts), Redis the summary text kept beside each member row
 * (redis-board.ts). A new column is one entry here; a store opened with another list of columns
 * (names and types) rebuilds its copy from the member rows, which loses nothing, as the copy is
 * derived. A column whose derivation changes therefore takes a new name.
 */

/**
 * What a column holds, and its value when the member row lacks the field (a row from an older
 * version): `count` an integer, 0; `text` a string, ""; `day` a day key or null; `flag` a
 * boolean, false.
 */
export type BoardColumnType = "count" | "text" | "day" | "flag";

/** The paths to the leaves of T, as tuples of keys. */
type LeafPath<T> = {
  [K in keyof T & string]: T[K] extends string | number | boolean | null
    ? readonly [K]
    : readonly [K, ...LeafPath<T[K]>];
}[keyof T & string];

type BoardPath = LeafPath<Omit<BoardRow, "userId">>;

export type BoardColumn = {
  /** The SQL column; in Redis's summary text a column is known by its place in the list. */
  readonly name: string;
  readonly type: BoardColumnType;
  /** Where the member row (MemberRecord) holds it, and where a BoardRow does. */
  readonly path: BoardPath;
};

/**
 * In this order in the SQL tables (after the member row's key and the member's user id) and in
 * Redis's summaries (whose hash field is the user id).
 */
export const BOARD_COLUMNS = [
  { name: "has_left", type: "flag", path: ["left"] },
  { name: "last_day", type: "day", path: ["streak", "lastDay"] },
  { name: "freezes", type: "count", path: ["streak", "freezes"] },
  { name: "current", type: "count", path: ["streak", "current"] },
  { name: "best", type: "count", path: ["streak", "best"] },
  { name: "answers", type: "count", path: ["totalAnswers"] },
  { name: "week_start", type: "text", path: ["week", "start"] },
  { name: "week_answers", type: "count", path: ["week", "answers"] },
] as const satisfies readonly BoardColumn[];

/** Fails to compile while a field of BoardRow has no column, so boardRowOf builds a whole row. */
const everyFieldHasAColumn: [Exclude<BoardPath, (typeof BOARD_COLUMNS)[number]["path"]>] extends [
  never,
]
  ? true
  : never = true;
void everyFieldHasAColumn;

export type BoardValue = string | number | boolean | null;

const ABSENT: Record<BoardColumnType, BoardValue> = { count: 0, text: "", day: null, flag: false };

/** The column's value in a member row (any shape: rows from older versions lack fields). */
export function columnValue(column: BoardColumn, member: unknown): BoardValue {
  let at: unknown = member;
  for (const key of column.path) {
    at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  }
  return (at ?? ABSENT[column.type]) as BoardValue;
}

/** The BoardRow of `userId` from one value per column, in BOARD_COLUMNS' order. */
export function boardRowOf(userId: string, values: readonly BoardValue[]): BoardRow {
  const row: Record<string, unknown> = { userId };
  BOARD_COLUMNS.forEach((column: BoardColumn, i) => {
    let at = row;
    for (const key of column.path.slice(0, -1)) {
      at = (at[key] ??= {}) as Record<string, unknown>;
    }
    at[column.path.at(-1) as string] = values[i] ?? ABSENT[column.type];
  });
  return row as unknown as BoardRow;
}
