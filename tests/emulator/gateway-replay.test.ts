import { describe, expect, test } from "vitest";
import {
  canReplayAfter,
  dispatchTo,
  REPLAY_LIMIT,
  type Session,
} from "../../emulator/gateway-connection.js";

const session = (): Session => ({
  id: "s",
  shardId: 0,
  shardCount: 1,
  intents: 1,
  seq: 0,
  events: [],
  connection: null,
});

describe("the emulator's RESUME buffer", () => {
  test("GIVEN a few dispatches THEN a RESUME from any of them can replay the rest", () => {
    const s = session();
    for (let i = 0; i < 5; i++) dispatchTo(s, "EVENT", { i });
    expect(s.events.map((e) => e.s)).toEqual([1, 2, 3, 4, 5]);
    expect(canReplayAfter(s, 0)).toBe(true);
    expect(canReplayAfter(s, 5)).toBe(true);
  });

  test("GIVEN many more dispatches than the limit THEN it keeps at least the last REPLAY_LIMIT, in order, and refuses older", () => {
    const s = session();
    const total = 5 * REPLAY_LIMIT + 17;
    for (let i = 0; i < total; i++) dispatchTo(s, "EVENT", { i });
    expect(s.events.length).toBeGreaterThanOrEqual(REPLAY_LIMIT);
    expect(s.events.length).toBeLessThan(2 * REPLAY_LIMIT);
    expect(s.events.at(-1)?.s).toBe(total);
    const seqs = s.events.map((e) => e.s ?? 0);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    expect(canReplayAfter(s, total - REPLAY_LIMIT)).toBe(true);
    expect(canReplayAfter(s, (seqs[0] ?? 0) - 2)).toBe(false);
  });
});
