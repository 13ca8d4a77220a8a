import { expect } from "vitest";
import { boardSpec } from "../../src/domain/board.js";
import { openStore } from "../../src/store/open-store.js";

/**
 * A store written before the board table existed: member rows, then `dropBoard` removes the
 * table and its triggers, as in a file or schema from an earlier version. Reopening must fill
 * the board from the rows and bring the triggers back.
 */
export async function expectBoardRebuilt(url: string, dropBoard: () => Promise<void>) {
  const before = await openStore(url);
  await before.members.update("g1", "u1", (m) => ({ ...m, totalAnswers: 2 }));
  await before.members.update("g1", "u2", (m) => ({ ...m, totalAnswers: 5 }));
  await before.close();
  await dropBoard();

  const store = await openStore(url);
  try {
    const read = () =>
      store.members.board({
        guildId: "g1",
        spec: boardSpec("answers", "2026-11-30", () => true),
        pageIndex: 0,
        pageSize: 10,
        callerId: "u1",
      });
    expect((await read()).page.items.map((e) => [e.userId, e.value])).toEqual([
      ["u2", 5],
      ["u1", 2],
    ]);
    await store.members.update("g1", "u1", (m) => ({ ...m, totalAnswers: 9 }));
    expect((await read()).caller).toEqual({ rank: 1, value: 9 });
  } finally {
    await store.close();
  }
}

/** The board table as the first version with one created it, before its columns were a list. */
export const FIRST_BOARD_COLUMNS =
  "has_left, last_day, freezes, current, best, answers, week_start, week_answers";

/**
 * A store whose board table an earlier version created: `replaceBoard` puts that version's table
 * in place, empty but for a member "kept" (members:g1:kept, 7 answers) the member rows do not
 * have. Reopening must keep the table as it is (its layout is today's), and the triggers must go
 * on writing into it.
 */
export async function expectBoardKept(url: string, replaceBoard: () => Promise<void>) {
  const before = await openStore(url);
  await before.members.update("g1", "u1", (m) => ({ ...m, totalAnswers: 2 }));
  await before.close();
  await replaceBoard();

  const store = await openStore(url);
  try {
    const read = async () =>
      (
        await store.members.board({
          guildId: "g1",
          spec: boardSpec("answers", "2026-11-30", () => true),
          pageIndex: 0,
          pageSize: 10,
          callerId: "u1",
        })
      ).page.items.map((e) => [e.userId, e.value]);
    expect(await read()).toEqual([["kept", 7]]);
    await store.members.update("g1", "u1", (m) => ({ ...m, totalAnswers: 9 }));
    expect(await read()).toEqual([
      ["u1", 9],
      ["kept", 7],
    ]);
  } finally {
    await store.close();
  }
}
