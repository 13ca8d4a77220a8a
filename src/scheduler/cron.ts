import cron, { type ScheduledTask } from "node-cron";

/**
 * One steady tick a minute for all servers; which of them are due is computed from their stored
 * settings, so a settings change needs no re-scheduling. A slow tick (a large fan-out) is never
 * overlapped by the next one.
 */
export function startTicking(tick: (now: number) => Promise<unknown>): ScheduledTask {
  return cron.schedule("* * * * *", () => tick(Date.now()), {
    name: "daily-drill-tick",
    noOverlap: true,
  });
}
