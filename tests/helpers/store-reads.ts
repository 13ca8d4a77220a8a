import type { MemberRecord } from "../../src/store/members.js";
import { openEngine } from "../../src/store/open-store.js";

/**
 * Every member row of a server as stored, straight from the store at `url`. The bot itself
 * reads a server's members only through its boards; tests and benches check the rows.
 */
export async function guildMembers(url: string, guildId: string): Promise<MemberRecord[]> {
  const engine = await openEngine(url);
  try {
    const members = await engine.open<MemberRecord>("members");
    return await members.atomic.scanPrefix<MemberRecord>(`${guildId}:`);
  } finally {
    await engine.close();
  }
}
