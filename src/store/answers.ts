import { guarded, type Namespace } from "./namespace.js";

export { StoreError } from "./namespace.js";

export type AnswerRecord = {
  /** The interaction id of the modal submit: unique, so a retried write cannot duplicate. */
  id: string;
  guildId: string;
  userId: string;
  question: number;
  text: string;
  /** Epoch milliseconds. */
  at: number;
};

export type AnswerRepository = {
  record(answer: AnswerRecord): Promise<void>;
  listByMember(guildId: string, userId: string): Promise<AnswerRecord[]>;
};

const keyOf = (a: Pick<AnswerRecord, "guildId" | "userId" | "question" | "id">) =>
  `${a.guildId}:${a.userId}:${a.question}:${a.id}`;

export function createAnswerRepository(ns: Namespace<AnswerRecord>): AnswerRepository {
  return {
    async record(answer) {
      await guarded("write of an answer", () => ns.atomic.put(keyOf(answer), answer));
    },
    async listByMember(guildId, userId) {
      return guarded("read of answers", async () => {
        const found = await ns.atomic.scanPrefix<AnswerRecord>(`${guildId}:${userId}:`);
        return found.sort((a, b) => a.at - b.at);
      });
    },
  };
}
