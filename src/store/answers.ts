import type { Commit, CommitWrite, Entry, Versioned } from "./atomic.js";
import type { CalendarRecord } from "./calendars.js";
import { emptyMember, type MemberRecord } from "./members.js";
import { guarded, StoreError, type Namespace } from "./namespace.js";
import type { ParticipationRecord } from "./participation.js";

export { StoreError } from "./namespace.js";

/** Interaction ids remembered per question: a redelivered submit arrives within minutes. */
const RECENT_IDS = 10;

/**
 * A member's latest answer to one question, with how often they answered it: one record per
 * member and question, however many times they submit.
 */
export type AnswerRecord = Versioned & {
  guildId: string;
  userId: string;
  question: number;
  /** The interaction id of the latest submit. */
  id: string;
  text: string;
  /** Epoch milliseconds of the latest submit. */
  at: number;
  /** Submits of this question, the latest included. */
  attempts: number;
  /** When an answer to this question last counted toward the totals (one count a local day). */
  countedAt: number;
  /** The latest interaction ids, so a redelivered submit is stored and counted once. */
  recentIds: string[];
};

/** A row per submit, keyed `guild:user:question:interaction`, as stores before 2026-12 kept them. */
export type LegacyAnswer = Pick<
  AnswerRecord,
  "id" | "guildId" | "userId" | "question" | "text" | "at"
>;

/** What an answer changes, as read before the change. */
export type AnswerRead = {
  answer: AnswerRecord | null;
  member: MemberRecord;
  calendar: CalendarRecord;
};

export type AnswerChanges = {
  answer: Omit<AnswerRecord, "rev">;
  member: MemberRecord;
  /** null: the calendar stays as it is. */
  calendar: CalendarRecord | null;
  participation: ParticipationRecord;
};

export type AnswerRepository = {
  /**
   * Writes the answer and everything it changes together, or nothing. `decide` returns null
   * to write nothing (the submit is already stored); resolves to whether anything was written.
   */
  save(
    guildId: string,
    userId: string,
    question: number,
    decide: (read: AnswerRead) => AnswerChanges | null,
  ): Promise<boolean>;
  /** The latest answer to each question the member answered, oldest first. */
  listByMember(guildId: string, userId: string): Promise<AnswerRecord[]>;
};

/** The namespaces an answer writes, by name. */
export type AnswerSpaces = {
  answers: Namespace<AnswerRecord | LegacyAnswer>;
  members: Namespace<MemberRecord>;
  calendars: Namespace<CalendarRecord>;
  participation: Namespace<ParticipationRecord>;
};

const MAX_ATTEMPTS = 20;

export function createAnswerRepository(spaces: AnswerSpaces, commit: Commit): AnswerRepository {
  const { answers, members, calendars } = spaces;
  return {
    save: (guildId, userId, question, decide) =>
      guarded("write of an answer", () =>
        // One member's submits queue here; other processes are caught by the compare-and-set.
        answers.locks.run(`${guildId}:${userId}`, async () => {
          for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            const answerKey = `${guildId}:${userId}:${question}`;
            const memberKey = `${guildId}:${userId}`;
            const [stored, legacy, member, calendar] = await Promise.all([
              answers.keyv.get(answerKey) as Promise<AnswerRecord | undefined>,
              answers.atomic.scanEntries<LegacyAnswer>(`${answerKey}:`),
              members.keyv.get(memberKey),
              calendars.keyv.get(memberKey),
            ]);
            const read: AnswerRead = {
              answer: foldLegacy(stored ?? null, legacy),
              member: member ?? emptyMember(guildId, userId),
              calendar: calendar ?? { rev: 0, days: [] },
            };
            const changes = decide(read);
            if (!changes) return false;
            const expect = (current: Versioned | undefined) => current?.rev ?? "absent";
            const next = <V extends Versioned>(value: V, current: Versioned | undefined) => ({
              ...value,
              rev: (current?.rev ?? 0) + 1,
            });
            const writes: CommitWrite[] = [
              {
                namespace: "answers",
                key: answerKey,
                expect: expect(stored),
                value: next({ ...changes.answer, rev: 0 }, stored),
              },
              ...legacy.map((entry) => ({
                namespace: "answers",
                key: entry.key,
                remove: true as const,
              })),
              {
                namespace: "members",
                key: memberKey,
                expect: expect(member),
                value: next(changes.member, member),
              },
              {
                namespace: "participation",
                key: `${guildId}:${question}:${userId}`,
                expect: "any",
                value: changes.participation,
              },
            ];
            if (changes.calendar) {
              writes.push({
                namespace: "calendars",
                key: memberKey,
                expect: expect(calendar),
                value: next(changes.calendar, calendar),
              });
            }
            if (await commit(writes)) return true;
            // Another process won the race: wait a little (with jitter) before reading again.
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
          }
          throw new StoreError(
            `answer of ${guildId}:${userId} kept conflicting with other writers`,
          );
        }),
      ),
    listByMember: (guildId, userId) =>
      guarded("read of answers", async () => {
        const rows = await answers.atomic.scanEntries<AnswerRecord | LegacyAnswer>(
          `${guildId}:${userId}:`,
        );
        const byQuestion = new Map<
          number,
          { stored: AnswerRecord | null; legacy: Entry<LegacyAnswer>[] }
        >();
        for (const { key, value } of rows) {
          const slot = byQuestion.get(value.question) ?? { stored: null, legacy: [] };
          if (isCurrent(value)) slot.stored = value;
          else slot.legacy.push({ key, value });
          byQuestion.set(value.question, slot);
        }
        return [...byQuestion.values()]
          .map(({ stored, legacy }) => foldLegacy(stored, legacy))
          .filter((answer): answer is AnswerRecord => answer !== null)
          .sort((a, b) => a.at - b.at);
      }),
  };
}

const isCurrent = (value: AnswerRecord | LegacyAnswer): value is AnswerRecord =>
  typeof (value as Partial<AnswerRecord>).rev === "number";

/**
 * The record of one question with the rows older stores kept per submit folded in: the latest
 * text, every submit counted as an attempt. Each of those rows counted when it was written, so
 * the latest one's time is when the question last counted.
 */
export function foldLegacy(
  stored: AnswerRecord | null,
  legacy: readonly Entry<LegacyAnswer>[],
): AnswerRecord | null {
  if (legacy.length === 0) return stored;
  const rows = legacy.map((entry) => entry.value).sort((a, b) => a.at - b.at);
  const latest = rows[rows.length - 1] as LegacyAnswer;
  const newest = stored && stored.at >= latest.at ? stored : latest;
  return {
    rev: stored?.rev ?? 0,
    guildId: latest.guildId,
    userId: latest.userId,
    question: latest.question,
    id: newest.id,
    text: newest.text,
    at: newest.at,
    attempts: (stored?.attempts ?? 0) + rows.length,
    countedAt: Math.max(stored?.countedAt ?? 0, latest.at),
    recentIds: [...rows.map((row) => row.id), ...(stored?.recentIds ?? [])].slice(-RECENT_IDS),
  };
}

/** The record after a new submit `id` of `text` at `at`; `counted` when it counts toward totals. */
export function answeredAgain(
  current: AnswerRecord | null,
  submit: Pick<AnswerRecord, "guildId" | "userId" | "question" | "id" | "text" | "at">,
  counted: boolean,
): Omit<AnswerRecord, "rev"> {
  return {
    ...submit,
    attempts: (current?.attempts ?? 0) + 1,
    countedAt: counted ? submit.at : (current?.countedAt ?? submit.at),
    recentIds: [...(current?.recentIds ?? []), submit.id].slice(-RECENT_IDS),
  };
}
