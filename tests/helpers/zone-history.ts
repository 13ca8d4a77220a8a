import { dayKeyIn } from "../../src/domain/schedule.js";
import type { ZoneHistory } from "../../src/domain/zone-history.js";

/** A server's zone history from the start: one zone since the epoch (tests and benches). */
export function startZoneHistory(zone: string): ZoneHistory {
  dayKeyIn(0, zone); // Throws on an unknown zone now rather than at the first answer.
  return [{ zone, from: 0 }];
}
