import { inProcessBoard, type BoardRow, type MemberBoard } from "../member-board.js";
import type { MemberRecord } from "../members.js";
import type { RedisClient, Summaries } from "./redis-atomic.js";

/**
 * Redis has no query language to rank with, so each member row has a summary of the numbers a
 * board needs (~40 bytes) in a hash per server, written by the same script as the row. A board
 * read is one HGETALL of the server's hash, ranked in this process: for 10,000 members that is
 * ~400 kB, where reading the rows themselves would be ~3 MB of JSON to parse.
 */
export function memberSummaries(space: string): Summaries {
  return {
    // Member keys are `<guildId>:<userId>`.
    slot(key) {
      const at = key.indexOf(":");
      return { hash: `${space}:board:${key.slice(0, at)}`, field: key.slice(at + 1) };
    },
    summarize(value) {
      // Rows from older versions may lack a field: as on the SQL engines, it counts as 0.
      const { left, streak, totalAnswers, week } = value as Partial<MemberRecord>;
      return [
        left ? 1 : 0,
        streak?.lastDay ?? "",
        streak?.freezes ?? 0,
        streak?.current ?? 0,
        streak?.best ?? 0,
        totalAnswers ?? 0,
        week?.start ?? "",
        week?.answers ?? 0,
      ].join("|");
    },
  };
}

export function parseSummary(userId: string, text: string): BoardRow {
  const [left, lastDay, freezes, current, best, answers, weekStart, weekAnswers] = text.split("|");
  return {
    userId,
    left: left === "1",
    streak: {
      lastDay: lastDay || null,
      freezes: Number(freezes),
      current: Number(current),
      best: Number(best),
    },
    totalAnswers: Number(answers),
    week: { start: weekStart ?? "", answers: Number(weekAnswers) },
  };
}

export function redisBoard(client: RedisClient, summaries: Summaries): MemberBoard {
  return inProcessBoard(async (guildId) => {
    const hash = await client.hGetAll(summaries.slot(`${guildId}:`).hash);
    return Object.entries(hash).map(([userId, text]) => parseSummary(userId, text));
  });
}
