import {
  BOARD_COLUMNS,
  boardRowOf,
  columnValue,
  type BoardColumn,
  type BoardValue,
} from "../board-columns.js";
import { inProcessBoard, type BoardRow, type MemberBoard } from "../member-board.js";
import type { RedisClient, Summaries } from "./redis-atomic.js";

/**
 * Redis has no query language to rank with, so each member row has a summary of the numbers a
 * board needs (~40 bytes, the board columns of board-columns.ts joined by "|") in a hash per
 * server, written by the same script as the row. A board read is one HGETALL of the server's
 * hash, ranked in this process: for 10,000 members that is ~400 kB, where reading the rows
 * themselves would be ~3 MB of JSON to parse.
 */
export function memberSummaries(space: string): Summaries {
  return {
    // Member keys are `<guildId>:<userId>`.
    slot(key) {
      const at = key.indexOf(":");
      return { hash: `${space}:board:${key.slice(0, at)}`, field: key.slice(at + 1) };
    },
    // Rows from older versions may lack a field: as on the SQL engines, it counts as absent.
    summarize: (value) =>
      BOARD_COLUMNS.map((column) => encode(column, columnValue(column, value))).join("|"),
    layout: BOARD_COLUMNS.map(({ name, type }) => `${name}:${type}`).join("|"),
  };
}

export function parseSummary(userId: string, text: string): BoardRow {
  const fields = text.split("|");
  return boardRowOf(
    userId,
    BOARD_COLUMNS.map((column, i) => decode(column, fields[i])),
  );
}

function encode(column: BoardColumn, value: BoardValue): string {
  if (column.type === "flag") return value ? "1" : "0";
  return String(value ?? "");
}

/** A field missing from the text (a summary written before its column) is absent: null. */
function decode(column: BoardColumn, field: string | undefined): BoardValue {
  if (field === undefined) return null;
  switch (column.type) {
    case "flag":
      return field === "1";
    case "day":
      return field || null;
    case "count":
      return Number(field);
    case "text":
      return field;
  }
}

export function redisBoard(client: RedisClient, summaries: Summaries): MemberBoard {
  return inProcessBoard(async (guildId) => {
    const hash = await client.hGetAll(summaries.slot(`${guildId}:`).hash);
    return Object.entries(hash).map(([userId, text]) => parseSummary(userId, text));
  });
}
