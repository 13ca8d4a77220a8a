import { guarded, type Namespace } from "./namespace.js";

/** Who answered which question in a server, and when they last did: one row per member. */
export type ParticipationRecord = { at: number };

export type ParticipationRepository = {
  record(guildId: string, question: number, userId: string, at: number): Promise<void>;
  /** Members who answered `question` at or after `since`. */
  count(guildId: string, question: number, since: number): Promise<number>;
};

export function createParticipationRepository(
  ns: Namespace<ParticipationRecord>,
): ParticipationRepository {
  return {
    record: (guildId, question, userId, at) =>
      guarded("write of participation", async () => {
        await ns.atomic.put(`${guildId}:${question}:${userId}`, { at });
      }),
    count: (guildId, question, since) =>
      guarded("count of participation", async () => {
        const rows = await ns.atomic.scanPrefix<ParticipationRecord>(`${guildId}:${question}:`);
        return rows.filter((row) => row.at >= since).length;
      }),
  };
}
