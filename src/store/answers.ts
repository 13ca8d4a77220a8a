import type { Grade } from "../domain/answer-feedback.js";
import type { Commit, CommitWrite, Entry, Versioned } from "./atomic.js";
import type { CalendarRecord } from "./calendars.js";
import {
  cardWrites,
  readMemberCards,
  storedCard,
  type CardChange,
  type CardRecord,
  type CardRead,
  type CardSpaces,
} from "./cards.js";
import { emptyMember, type MemberRecord } from "./members.js";
import { guarded, type Namespace } from "./namespace.js";
import { StoreError } from "./store-error.js";
import { foldLegacy, gradeOf, type AnswerRecord, type LegacyAnswer } from "./answer-record.js";
import type { ParticipationRecord } from "./participation.js";

export { answeredAgain, type AnswerRecord, type LegacyAnswer } from "./answer-record.js";

/** What an answer changes, as read before the change. */
export type AnswerRead = {
  answer: AnswerRecord | null;
  member: MemberRecord;
  calendar: CalendarRecord;
  /** The member's card of the question (null before their first answer or Reveal). */
  card: CardRecord | null;
};

export type AnswerChanges = {
  answer: Omit<AnswerRecord, "rev">;
  member: MemberRecord;
  /** null: the calendar stays as it is. */
  calendar: CalendarRecord | null;
  participation: ParticipationRecord;
  /** The card the answer moves, written in the same commit; absent or null: it stays. */
  card?: CardChange | null;
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
  /**
   * Stores the member's own grade for their latest answer to `question`, beside the suggestion,
   * and the card `regrade` returns (null: the card stays), in one commit; resolves to the
   * updated record, or null when there is no graded answer to correct.
   */
  correctGrade(
    guildId: string,
    userId: string,
    question: number,
    grade: Grade,
    regrade?: (card: CardRecord | null, answer: AnswerRecord) => CardChange | null,
  ): Promise<AnswerRecord | null>;
  /**
   * The covered key point ids of each graded answer to `question` in the server submitted at or
   * after `since`, one list per member (answers from before grading are left out).
   */
  coveredSince(guildId: string, question: number, since: number): Promise<string[][]>;
  /** The numbers of the questions the member has answered in the server (one key range). */
  answeredQuestions(guildId: string, userId: string): Promise<number[]>;
  /**
   * Each member's graded answer to `question` submitted in [from, to): its grade (gradeOf) and
   * the key point ids it covered. Read as coveredSince: participation rows, then one read each.
   */
  gradedBetween(
    guildId: string,
    question: number,
    from: number,
    to: number,
  ): Promise<{ grade: Grade; covered: string[] }[]>;
};

/** The namespaces an answer writes, by name. */
export type AnswerSpaces = {
  answers: Namespace<AnswerRecord | LegacyAnswer>;
  members: Namespace<MemberRecord>;
  calendars: Namespace<CalendarRecord>;
  participation: Namespace<ParticipationRecord>;
} & CardSpaces;

const MAX_ATTEMPTS = 20;
/** Keys read at once: well under SQLite's 32,766 bound parameters a statement. */
const READ_BATCH = 500;

export function createAnswerRepository(spaces: AnswerSpaces, commit: Commit): AnswerRepository {
  const { answers, members, calendars, participation } = spaces;
  const cardsOf = (guildId: string, userId: string) => readMemberCards(spaces, guildId, userId);
  return {
    save: (guildId, userId, question, decide) =>
      guarded("write of an answer", () =>
        // One member's submits queue here; other processes are caught by the compare-and-set.
        answers.locks.run(`${guildId}:${userId}`, async () => {
          const { answerKey, memberKey } = keysOf(guildId, userId, question);
          for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            const [stored, legacy, member, calendar, cards] = await Promise.all([
              answers.keyv.get(answerKey) as Promise<AnswerRecord | undefined>,
              answers.atomic.scanEntries<LegacyAnswer>(`${answerKey}:`),
              members.keyv.get(memberKey),
              calendars.keyv.get(memberKey),
              cardsOf(guildId, userId),
            ]);
            const changes = decide({
              answer: foldLegacy(stored ?? null, legacy),
              member: member ?? emptyMember(guildId, userId),
              calendar: calendar ?? { rev: 0, days: [] },
              card: storedCard(cards, question),
            });
            if (!changes) return false;
            const read = { stored, legacy, member, calendar, cards };
            const writes = commitWrites(guildId, userId, question, changes, read);
            if (await commit(writes)) return true;
            // Another process won the race: wait a little (with jitter) before reading again.
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
          }
          throw new StoreError(
            `answer of ${guildId}:${userId} kept conflicting with other writers`,
          );
        }),
      ),
    correctGrade: (guildId, userId, question, grade, regrade) =>
      guarded("write of a grade", () =>
        answers.locks.run(`${guildId}:${userId}`, async () => {
          const { answerKey } = keysOf(guildId, userId, question);
          for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            const [stored, cards] = await Promise.all([
              answers.keyv.get<AnswerRecord>(answerKey),
              cardsOf(guildId, userId),
            ]);
            if (!stored?.suggestedGrade) return null;
            const value = { ...stored, finalGrade: grade, rev: stored.rev + 1 };
            const write = { namespace: "answers", key: answerKey, expect: stored.rev, value };
            const card = regrade?.(storedCard(cards, question), value) ?? null;
            if (await commit([write, ...(card ? cardWrites(cards, card) : [])])) return value;
          }
          throw new StoreError(`grade of ${guildId}:${userId} kept conflicting with other writers`);
        }),
      ),
    coveredSince: (guildId, question, since) =>
      guarded("read of answers' feedback", async () => {
        // Participation rows (`guild:question:user`) name who answered; one read per member.
        const prefix = `${guildId}:${question}:`;
        const rows = await participation.atomic.scanEntries<ParticipationRecord>(prefix);
        const users = rows
          .filter((row) => row.value.at >= since)
          .map((row) => row.key.slice(prefix.length));
        const records = await Promise.all(
          users.map((userId) =>
            answers.keyv.get<AnswerRecord>(keysOf(guildId, userId, question).answerKey),
          ),
        );
        return records.flatMap((record) =>
          record?.suggestedGrade && record.at >= since ? [record.covered ?? []] : [],
        );
      }),
    answeredQuestions: (guildId, userId) =>
      guarded("read of a member's answered questions", async () => {
        // Legacy rows per submit share the range; each names its question too.
        const rows = await answers.atomic.scanPrefix<LegacyAnswer>(`${guildId}:${userId}:`);
        return [...new Set(rows.map((row) => row.question))];
      }),
    gradedBetween: (guildId, question, from, to) =>
      guarded("read of the week's grades", async () => {
        const prefix = `${guildId}:${question}:`;
        const rows = await participation.atomic.scanEntries<ParticipationRecord>(prefix);
        // A row holds the member's latest answer: one answered in the week and again since is
        // read and left out below by its record's time, as the digest counts the week's answers.
        const keys = rows
          .filter((row) => row.value.at >= from)
          .map((row) => keysOf(guildId, row.key.slice(prefix.length), question).answerKey);
        const graded: { grade: Grade; covered: string[] }[] = [];
        // Many keys a read (one query on SQLite and PostgreSQL, MGET on Redis), not one each.
        for (let start = 0; start < keys.length; start += READ_BATCH) {
          const records = await answers.keyv.get<AnswerRecord>(
            keys.slice(start, start + READ_BATCH),
          );
          for (const record of records) {
            const grade = record && gradeOf(record);
            if (record && grade && record.at >= from && record.at < to)
              graded.push({ grade, covered: record.covered ?? [] });
          }
        }
        return graded;
      }),
  };
}

const keysOf = (guildId: string, userId: string, question: number) => ({
  answerKey: `${guildId}:${userId}:${question}`,
  memberKey: `${guildId}:${userId}`,
});

type Read = {
  stored: AnswerRecord | undefined;
  legacy: Entry<LegacyAnswer>[];
  member: MemberRecord | undefined;
  calendar: CalendarRecord | undefined;
  cards: CardRead;
};

/** The writes of one answer, each checked against what was read (participation is a plain put). */
function commitWrites(
  guildId: string,
  userId: string,
  question: number,
  changes: AnswerChanges,
  read: Read,
): CommitWrite[] {
  const { answerKey, memberKey } = keysOf(guildId, userId, question);
  const expect = (current: Versioned | undefined) => current?.rev ?? "absent";
  const next = <V extends Versioned>(value: V, current: Versioned | undefined) => ({
    ...value,
    rev: (current?.rev ?? 0) + 1,
  });
  const writes: CommitWrite[] = [
    {
      namespace: "answers",
      key: answerKey,
      expect: expect(read.stored),
      value: next({ ...changes.answer, rev: 0 }, read.stored),
    },
    // Rows an older store kept per submit, folded into the record above.
    ...read.legacy.map((entry) => ({
      namespace: "answers",
      key: entry.key,
      remove: true as const,
    })),
    {
      namespace: "members",
      key: memberKey,
      expect: expect(read.member),
      value: next(changes.member, read.member),
    },
    {
      namespace: "participation",
      key: `${guildId}:${question}:${userId}`,
      expect: "any",
      value: changes.participation,
    },
  ];
  if (changes.card) writes.push(...cardWrites(read.cards, changes.card));
  if (changes.calendar) {
    writes.push({
      namespace: "calendars",
      key: memberKey,
      expect: expect(read.calendar),
      value: next(changes.calendar, read.calendar),
    });
  }
  return writes;
}
