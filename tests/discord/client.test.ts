import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createPacer, pacedRequests } from "../../src/discord/client.js";

beforeEach(() => void vi.useFakeTimers({ toFake: ["setTimeout", "performance"] }));
afterEach(() => void vi.useRealTimers());

/** Most of `times` (sorted, ms) inside any window of `windowMs`. */
function busiest(times: number[], windowMs: number): number {
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while ((times[last] ?? 0) - (times[first] ?? 0) >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

async function release(perSecond: number, count: number, advanceMs: number) {
  const pace = createPacer(perSecond);
  const released: number[] = [];
  for (let i = 0; i < count; i++) void pace().then(() => released.push(performance.now()));
  await vi.advanceTimersByTimeAsync(advanceMs);
  return released;
}

describe("createPacer", () => {
  test.each([
    [50, 200],
    [25, 100],
    [1, 5],
  ])(
    "GIVEN %i/s and %i requests at once THEN no second (plus 20 ms for jitter) holds more than the limit, and they are not held back",
    async (perSecond, count) => {
      const released = await release(perSecond, count, (count / perSecond) * 1100);
      expect(released).toHaveLength(count);
      expect(busiest(released, 1020)).toBeLessThanOrEqual(perSecond);
      // The margin costs 2% of the limit, no more.
      const rate = (count - 1) / ((released.at(-1)! - released[0]!) / 1000);
      expect(rate).toBeGreaterThan(perSecond * 0.97);
    },
  );

  test("GIVEN a request whose signal aborts while it waits THEN it leaves the queue with the abort", async () => {
    const pace = createPacer(1);
    await pace();
    const controller = new AbortController();
    const waiting = pace(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("pacedRequests", () => {
  test("GIVEN requests with and without the bot token THEN only the token's wait their turn", async () => {
    const sent: string[] = [];
    const send = vi.fn((url: string) => {
      sent.push(url);
      return Promise.resolve(new Response(null, { status: 204 }));
    });
    const request = pacedRequests(1, send);
    const bot = { headers: { Authorization: "Bot x" } };
    void request("bot-1", bot);
    void request("bot-2", bot);
    void request("interaction-callback", { headers: {} });
    await vi.advanceTimersByTimeAsync(0);
    expect([...sent].sort()).toEqual(["bot-1", "interaction-callback"]);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(sent.at(-1)).toBe("bot-2");
  });
});
