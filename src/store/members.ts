import type { StreakState } from "../domain/streak.js";
import { EMPTY_STREAK } from "../domain/streak.js";
import type { Versioned } from "./atomic.js";
import type { BoardQuery, BoardRead, MemberBoard } from "./member-board.js";
import { guarded, updateVersioned, type Namespace } from "./namespace.js";

/**
 * A member's running totals in one server, updated on every answer. Together these rows are the
 * server's leaderboard index: a board reads one key range, never a scan of the whole store.
 */
export type MemberRecord = Versioned & {
  guildId: string;
  userId: string;
  streak: StreakState;
  totalAnswers: number;
  /** Answers in the server's current week, keyed by the week's Monday. */
  week: { start: string; answers: number };
  lastAnswerAt: number;
  /** Set when Discord says the member left; cleared when they answer again. */
  left: boolean;
};

export function emptyMember(guildId: string, userId: string): MemberRecord {
  return {
    rev: 0,
    guildId,
    userId,
    streak: EMPTY_STREAK,
    totalAnswers: 0,
    week: { start: "", answers: 0 },
    lastAnswerAt: 0,
    left: false,
  };
}

export type MemberRepository = {
  get(guildId: string, userId: string): Promise<MemberRecord>;
  update(
    guildId: string,
    userId: string,
    change: (current: MemberRecord) => MemberRecord | null,
  ): Promise<MemberRecord>;
  /** One page of a board, ranked by the engine (SQL) or over its summaries (Redis). */
  board(query: BoardQuery): Promise<BoardRead>;
};

const keyOf = (guildId: string, userId: string) => `${guildId}:${userId}`;

export function createMemberRepository(
  ns: Namespace<MemberRecord>,
  board: MemberBoard,
): MemberRepository {
  return {
    get: (guildId, userId) =>
      guarded(
        "read of a member",
        async () => (await ns.keyv.get(keyOf(guildId, userId))) ?? emptyMember(guildId, userId),
      ),
    update: (guildId, userId, change) =>
      updateVersioned(ns, keyOf(guildId, userId), () => emptyMember(guildId, userId), change),
    board: (query) => guarded("read of a leaderboard", () => board.read(query)),
  };
}
