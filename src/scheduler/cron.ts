import cron, { type ScheduledTask } from "node-cron";

/**
 * One steady tick a minute for all servers; which of them are due is computed from their stored
 * settings, so a settings change needs no re-scheduling. A slow tick (a large fan-out) is never
 * overlapped by the next one. Each tick runs for the app's `now` (the wall clock, unless the
 * playground supplies its own).
 */
export function startTicking(
  tick: (now: number) => Promise<unknown>,
  now: () => number = Date.now,
): ScheduledTask {
  return cron.schedule("* * * * *", () => tick(now()), {
    name: "daily-drill-tick",
    noOverlap: true,
  });
}
