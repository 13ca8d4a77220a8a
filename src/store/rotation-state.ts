import { guarded, updateVersioned, type Namespace } from "./namespace.js";
import type { Versioned } from "./atomic.js";

/** Where a server is in its walk through the bank (see src/domain/rotation.ts). */
export type RotationRecord = Versioned & {
  cycle: number;
  posted: number[];
  previous: number | null;
};

export type RotationRepository = {
  get(guildId: string): Promise<RotationRecord>;
  save(guildId: string, next: Omit<RotationRecord, "rev">): Promise<void>;
};

const initial = (): RotationRecord => ({ rev: 0, cycle: 0, posted: [], previous: null });

export function createRotationRepository(ns: Namespace<RotationRecord>): RotationRepository {
  return {
    get: (guildId) =>
      guarded("read of the rotation", async () => (await ns.keyv.get(guildId)) ?? initial()),
    async save(guildId, next) {
      await updateVersioned(ns, guildId, initial, (current) => ({ ...next, rev: current.rev }));
    },
  };
}
