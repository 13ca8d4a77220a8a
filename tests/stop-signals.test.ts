import { afterEach, expect, test } from "vitest";
import { stopOnSignals, type StopRequest } from "../src/stop-signals.js";

const before = {
  SIGTERM: process.listeners("SIGTERM"),
  SIGINT: process.listeners("SIGINT"),
};

afterEach(() => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    for (const listener of process.listeners(signal))
      if (!before[signal].includes(listener)) process.off(signal, listener);
  }
});

function recording() {
  const calls: StopRequest[] = [];
  const shutdown = stopOnSignals((request) => {
    calls.push(request);
    return Promise.resolve();
  });
  return { calls, shutdown };
}

test.each(["SIGTERM", "SIGINT"] as const)(
  "GIVEN %s THEN stop runs once, however often the signal comes",
  (signal) => {
    const { calls, shutdown } = recording();
    expect(shutdown.stopping).toBe(false);
    process.emit(signal);
    process.emit(signal);
    expect(calls).toEqual([{ reason: signal }]);
    expect(shutdown.stopping).toBe(true);
  },
);

test("GIVEN a fatal stop first THEN a later SIGINT changes nothing", () => {
  const { calls, shutdown } = recording();
  shutdown.requestStop({ reason: "fatal", exitCode: 78, graceMs: 2_000 });
  process.emit("SIGINT");
  expect(calls).toEqual([{ reason: "fatal", exitCode: 78, graceMs: 2_000 }]);
});
