import type { DayKey } from "../domain/calendar.js";
import type { RankedEntry } from "../domain/ranking.js";
import type { MemberRecord } from "../store/members.js";

/** Servers whose boards are kept in memory at once; the least recently read is dropped first. */
const MAX_GUILDS = 100;

type Entry = {
  version: number;
  today: DayKey;
  members: Map<string, MemberRecord>;
  ranked: Map<string, RankedEntry[]>;
};

/**
 * The member rows and ranked boards of recently read servers. An entry is used only while the
 * server's board version in the store (bumped after every answer, in any process) is the one it
 * was built for, so a cached board is never stale. This process's own answers update the entry
 * in place; an answer from another process makes the next read load the rows again.
 */
export class BoardCache {
  readonly #entries = new Map<string, Entry>();

  async members(
    guildId: string,
    version: number,
    today: DayKey,
    load: () => Promise<MemberRecord[]>,
  ): Promise<{ members: Iterable<MemberRecord>; ranked: Map<string, RankedEntry[]> }> {
    let entry = this.#entries.get(guildId);
    if (!entry || entry.version !== version) {
      const rows = await load();
      entry = {
        version,
        today,
        members: new Map(rows.map((row) => [row.userId, row])),
        ranked: new Map(),
      };
    } else if (entry.today !== today) {
      // A new local day ages every streak: rank again, but the rows are still current.
      entry.today = today;
      entry.ranked.clear();
    }
    this.#entries.delete(guildId); // (re-)insert as the most recently used
    this.#entries.set(guildId, entry);
    if (this.#entries.size > MAX_GUILDS)
      this.#entries.delete(this.#entries.keys().next().value as string);
    return { members: entry.members.values(), ranked: entry.ranked };
  }

  /**
   * This process wrote `member` and then moved the board version to `version`. When the entry
   * was built on the version just before, no other write came in between: update it in place.
   */
  wrote(guildId: string, version: number, member: MemberRecord): void {
    const entry = this.#entries.get(guildId);
    if (!entry) return;
    if (entry.version !== version - 1) {
      this.#entries.delete(guildId);
      return;
    }
    entry.members.set(member.userId, member);
    entry.version = version;
    entry.ranked.clear();
  }
}
