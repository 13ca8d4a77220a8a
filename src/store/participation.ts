import { guarded, type Namespace } from "./namespace.js";

/** Who answered which question in a server, and when they last did: one row per member. */
export type ParticipationRecord = { at: number };

export type ParticipationRepository = {
  /** Members who answered `question` at or after `since`. */
  count(guildId: string, question: number, since: number): Promise<number>;
};

export function createParticipationRepository(
  ns: Namespace<ParticipationRecord>,
): ParticipationRepository {
  return {
    count: (guildId, question, since) =>
      guarded("count of participation", async () => {
        const rows = await ns.atomic.scanPrefix<ParticipationRecord>(`${guildId}:${question}:`);
        return rows.filter((row) => row.at >= since).length;
      }),
  };
}
