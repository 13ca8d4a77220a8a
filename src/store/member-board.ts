import { boardValue, type BoardFields, type BoardSpec } from "../domain/board.js";
import { boardValueSql } from "./board-sql.js";
import { pageBounds, rankedPage, type Page, type RankedEntry } from "../domain/ranking.js";

export type BoardQuery = {
  guildId: string;
  spec: BoardSpec;
  /** Clamped to the pages there are. */
  pageIndex: number;
  pageSize: number;
  /** Whose own rank to give, even when not on the page. */
  callerId: string;
};

export type BoardRead = {
  page: Page<RankedEntry>;
  caller: { rank: number; value: number } | null;
};

/**
 * One page of a server's board: members who have not left and whose number is above 0, highest
 * first, ties by earlier last answer day then user id, with competition ranks (1, 2, 2, 4).
 */
export interface MemberBoard {
  read(query: BoardQuery): Promise<BoardRead>;
}

/** What ranking a member needs: a member row has it all, and so does Redis's summary of one. */
export type BoardRow = BoardFields & { readonly userId: string; readonly left: boolean };

/**
 * Ranks in this process over the server's members: for an engine without a query language
 * (Redis, over its per-server summaries).
 */
export function inProcessBoard(rowsOf: (guildId: string) => Promise<BoardRow[]>): MemberBoard {
  return {
    async read({ guildId, spec, pageIndex, pageSize, callerId }) {
      const entries = (await rowsOf(guildId))
        .filter((member) => !member.left)
        .map((member) => ({
          userId: member.userId,
          value: boardValue(member, spec),
          lastActiveDay: member.streak.lastDay,
        }))
        .filter((entry) => entry.value > 0);
      return rankedPage(entries, pageIndex, pageSize, callerId);
    },
  };
}

/** What differs between SQLite and PostgreSQL in the board's queries. */
export type SqlDialect = {
  /** The n-th (1-based) query parameter. */
  placeholder: (n: number) => string;
  /**
   * A table expression over one server's members with the columns key, user_id and the board
   * columns (board-columns.ts).
   */
  members: (param: (value: unknown) => string, guildId: string) => string;
  /** A text column compared byte by byte, as the in-process ranking compares. */
  text: (column: string) => string;
  keyOf: (guildId: string, userId: string) => string;
  run: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
};

/** The board ranked by the database: the server's rows never leave it, only one page does. */
export function sqlBoard(dialect: SqlDialect): MemberBoard {
  const { text } = dialect;
  /** Builds one statement: `build` gets a function that binds a value and returns its placeholder. */
  const query = (build: (param: (value: unknown) => string) => string) => {
    const params: unknown[] = [];
    const sql = build((value) => {
      params.push(value);
      return dialect.placeholder(params.length);
    });
    return dialect.run(sql, params);
  };
  const ranked = (param: (value: unknown) => string, guildId: string, spec: BoardSpec) =>
    `(SELECT key, user_id, last_day, ${boardValueSql(param, text, spec)} AS v FROM ${dialect.members(param, guildId)} m WHERE NOT m.has_left) b`;

  return {
    async read({ guildId, spec, pageIndex, pageSize, callerId }) {
      const [own] = await query(
        (param) =>
          `SELECT v FROM ${ranked(param, guildId, spec)} WHERE key = ${param(dialect.keyOf(guildId, callerId))}`,
      );
      const callerValue = Number(own?.v ?? 0);
      const counted = async (above: number) => {
        const [row] = await query(
          (param) =>
            `SELECT count(*) AS total, sum(CASE WHEN v > ${param(above)} THEN 1 ELSE 0 END) AS above FROM ${ranked(param, guildId, spec)} WHERE v > 0`,
        );
        return { total: Number(row?.total ?? 0), above: Number(row?.above ?? 0) };
      };
      const { total, above } = await counted(callerValue);
      const { pageIndex: index, pageCount, offset } = pageBounds(total, pageIndex, pageSize);
      const rows = await query(
        (param) =>
          `SELECT user_id, last_day, v FROM ${ranked(param, guildId, spec)} WHERE v > 0 ` +
          `ORDER BY v DESC, last_day IS NULL, ${text("last_day")}, ${text("user_id")} ` +
          `LIMIT ${param(pageSize)} OFFSET ${param(offset)}`,
      );
      const first = Number(rows[0]?.v ?? 0);
      let rank = offset === 0 ? 1 : (await counted(first)).above + 1;
      const items = rows.map((row, i): RankedEntry => {
        const value = Number(row.v);
        if (i > 0 && value !== Number(rows[i - 1]?.v)) rank = offset + i + 1;
        return {
          userId: String(row.user_id),
          value,
          lastActiveDay: row.last_day as string | null,
          rank,
        };
      });
      return {
        page: { items, pageIndex: index, pageCount, total },
        caller: callerValue > 0 ? { rank: above + 1, value: callerValue } : null,
      };
    },
  };
}
