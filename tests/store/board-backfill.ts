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
