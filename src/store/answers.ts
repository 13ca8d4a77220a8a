import type Keyv from "keyv";

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

/** Thrown for any failure of the underlying store, so callers never read a failure as "empty". */
export class StoreError extends Error {
  override readonly name = "StoreError";
}

async function guarded<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new StoreError(`store ${what} failed: ${(error as Error).message}`, { cause: error });
  }
}

const keyOf = (a: Pick<AnswerRecord, "guildId" | "userId" | "question" | "id">) =>
  `${a.guildId}:${a.userId}:${a.question}:${a.id}`;

export function createAnswerRepository(keyv: Keyv<AnswerRecord>): AnswerRepository {
  return {
    async record(answer) {
      await guarded("write of an answer", () => keyv.set(keyOf(answer), answer));
    },
    async listByMember(guildId, userId) {
      return guarded("read of answers", async () => {
        const prefix = `${guildId}:${userId}:`;
        const found: AnswerRecord[] = [];
        if (!keyv.iterator) return found;
        for await (const [key, value] of keyv.iterator(undefined)) {
          if (typeof key === "string" && key.startsWith(prefix) && value)
            found.push(value as AnswerRecord);
        }
        return found.sort((a, b) => a.at - b.at);
      });
    },
  };
}
