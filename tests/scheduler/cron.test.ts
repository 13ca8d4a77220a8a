import { afterEach, describe, expect, test, vi } from "vitest";
import { startTicking } from "../../src/scheduler/cron.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("the minute tick", () => {
  test.each([
    ["the wall clock", undefined, Date.parse("2026-01-01T00:01:00Z")],
    ["the app's clock (the playground's)", () => 1_000, 1_000],
  ])("GIVEN %s THEN each minute's tick runs for its instant", async (_, now, expected) => {
    vi.useFakeTimers({ now: Date.parse("2026-01-01T00:00:30Z") });
    const ticks: number[] = [];
    const task = startTicking((at) => {
      ticks.push(at);
      return Promise.resolve();
    }, now);
    await vi.advanceTimersByTimeAsync(31_000);
    await task.stop();
    expect(ticks).toHaveLength(1);
    expect(Math.abs((ticks[0] ?? 0) - expected)).toBeLessThan(1_000);
  });
});
