import { boardRule, type BoardCondition, type BoardSpec } from "../domain/board.js";
import { BOARD_COLUMNS, type BoardColumn } from "./board-columns.js";

/** Binds a value to the statement and returns its placeholder. */
type Param = (value: unknown) => string;
/** A text column compared byte by byte, as the in-process ranking compares. */
type Text = (column: string) => string;

/** The SQL column that holds the member row's field at `path` (board-columns.ts). */
function column(path: readonly string[]): string {
  const found = BOARD_COLUMNS.find(
    (candidate: BoardColumn) => candidate.path.join(".") === path.join("."),
  );
  // Cannot happen while board-columns.ts gives every BoardRow field a column (it fails to compile
  // otherwise); a clear error if that check is ever taken out.
  if (!found)
    throw new Error(`no board column holds ${path.join(".")}: add it to board-columns.ts`);
  return found.name;
}

/** Each condition of domain/board.ts's BOARD_RULES in SQL; boardValue reads the same in TypeScript. */
const CONDITIONS: Record<BoardCondition, (param: Param, text: Text, spec: BoardSpec) => string> = {
  "streak-kept": (param, text, spec) => {
    const freezes = column(["streak", "freezes"]);
    const floors = spec.streakFloors;
    const byFreezes = floors
      .slice(0, -1)
      .map((floor, held) => `WHEN ${freezes} <= ${held} THEN ${param(floor)}`);
    const floor = `CASE ${byFreezes.join(" ")} ELSE ${param(floors.at(-1) ?? "")} END`;
    return `${text(column(["streak", "lastDay"]))} >= ${floor}`;
  },
  "this-week": (param, _text, spec) => `${column(["week", "start"])} = ${param(spec.week)}`,
};

/**
 * The member's number on the spec's board (boardValue) in SQL, over the board columns; a
 * condition that does not hold, or whose column is NULL, gives 0.
 */
export function boardValueSql(param: Param, text: Text, spec: BoardSpec): string {
  const { count, when } = boardRule(spec.board);
  const value = column(count);
  return when === undefined
    ? value
    : `CASE WHEN ${CONDITIONS[when](param, text, spec)} THEN ${value} ELSE 0 END`;
}
