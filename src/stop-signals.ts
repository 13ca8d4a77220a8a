/** Why the process stops, and how: a signal ends it with 0 after the full grace. */
export type StopRequest = { reason: string; exitCode?: number; graceMs?: number };

/**
 * The one way a process (the single bot or the shard manager) stops: SIGTERM and SIGINT, or a
 * cause of its own (a fatal problem), run `stop` once; a second Ctrl-C while it drains is ignored.
 */
export function stopOnSignals(stop: (request: StopRequest) => Promise<void>) {
  let stopping = false;
  const requestStop = (request: StopRequest): void => {
    if (stopping) return;
    stopping = true;
    void stop(request);
  };
  process.on("SIGTERM", () => requestStop({ reason: "SIGTERM" }));
  process.on("SIGINT", () => requestStop({ reason: "SIGINT" }));
  return {
    requestStop,
    get stopping() {
      return stopping;
    },
  };
}
