import type { CardDay } from "../domain/card-day.js";
import type { Commit, CommitWrite, Entry, Versioned } from "./atomic.js";
import { guarded, type Namespace } from "./namespace.js";
import { StoreError } from "./store-error.js";

/** One member's card of one question in one server (both languages of a question share it). */
export type CardRecord = Versioned &
  CardDay & {
    guildId: string;
    userId: string;
    question: number;
  };

/** A card as a writer decides it; the store sets the rev. */
export type CardChange = Omit<CardRecord, "rev">;

/** How long the reviews a member did are kept in their summary: enough for two weeks' digests. */
export const REVIEW_DAYS_KEPT = 35;
const DAY_MS = 86_400_000;

/**
 * Beside each member's cards, one small row the server's counts read instead of every card: the
 * earliest due of the member's cards, and each review that moved a card (question, epoch ms) of
 * the last REVIEW_DAYS_KEPT days. Written in the same commit as the card, so they never differ.
 */
export type CardSummary = Versioned & {
  guildId: string;
  userId: string;
  earliestDue: number | null;
  reviews: [question: number, at: number][];
};

export type CardRepository = {
  get(guildId: string, userId: string, question: number): Promise<CardRecord | null>;
  ofMember(guildId: string, userId: string): Promise<CardRecord[]>;
  /** Members of the server with at least one card due at or before `until` (epoch ms). */
  membersDue(guildId: string, until: number): Promise<number>;
  /** Reviews (grades that moved a card) in the server with reviewedAt in [from, to). */
  reviewsBetween(guildId: string, from: number, to: number): Promise<number>;
  /**
   * Moves one card outside an answer (a Reveal): `decide` gets the card as stored and returns
   * its next state, or null to leave it. Resolves to the card as stored afterwards.
   */
  move(
    guildId: string,
    userId: string,
    question: number,
    decide: (current: CardRecord | null) => CardChange | null,
  ): Promise<CardRecord | null>;
};

/**
 * Cards and summaries share the namespace "cards": a card's key is `guild:user:question`, a
 * summary's `summary:guild:user`, so a prefix reads one member's cards or one server's summaries.
 */
export type CardSpaces = { cards: Namespace<CardRecord | CardSummary> };

/** What a card's commit checks: the member's cards and summary as read. */
export type CardRead = { cards: Entry<CardRecord>[]; summary: CardSummary | undefined };

const cardKey = (guildId: string, userId: string, question: number) =>
  `${guildId}:${userId}:${question}`;
const memberKey = (guildId: string, userId: string) => `${guildId}:${userId}`;
const summaryKey = (guildId: string, userId: string) => `summary:${guildId}:${userId}`;

/** The member's cards and summary, read together before a card moves. */
export async function readMemberCards(
  spaces: CardSpaces,
  guildId: string,
  userId: string,
): Promise<CardRead> {
  const [cards, summary] = await Promise.all([
    spaces.cards.atomic.scanEntries<CardRecord>(`${memberKey(guildId, userId)}:`),
    spaces.cards.keyv.get(summaryKey(guildId, userId)) as Promise<CardSummary | undefined>,
  ]);
  return { cards, summary };
}

export function storedCard(read: CardRead, question: number): CardRecord | null {
  return read.cards.find((entry) => entry.value.question === question)?.value ?? null;
}

/** The writes that store `next` and the member's summary, each checked against `read`. */
export function cardWrites(read: CardRead, next: CardChange): CommitWrite[] {
  const { guildId, userId, question } = next;
  const current = storedCard(read, question);
  const others = read.cards.filter((entry) => entry.value.question !== question);
  const dues = [next.card.due, ...others.map((entry) => entry.value.card.due)];
  const sameDay = current?.day === next.day ? current : null;
  const keepFrom = next.reviewedAt - REVIEW_DAYS_KEPT * DAY_MS;
  // The day's earlier review of this card is replaced, not added: one review a card a day.
  const reviews = (read.summary?.reviews ?? []).filter(
    ([q, at]) => at >= keepFrom && !(q === question && at === sameDay?.reviewedAt),
  );
  const summary: CardSummary = {
    rev: (read.summary?.rev ?? 0) + 1,
    guildId,
    userId,
    earliestDue: Math.min(...dues),
    reviews: [...reviews, [question, next.reviewedAt]],
  };
  return [
    {
      namespace: "cards",
      key: cardKey(guildId, userId, question),
      expect: current?.rev ?? "absent",
      value: { ...next, rev: (current?.rev ?? 0) + 1 },
    },
    // Every writer of a card writes the summary: its rev guards the other cards read too.
    {
      namespace: "cards",
      key: summaryKey(guildId, userId),
      expect: read.summary?.rev ?? "absent",
      value: summary,
    },
  ];
}

const MAX_ATTEMPTS = 20;

export function createCardRepository(spaces: CardSpaces, commit: Commit): CardRepository {
  const { cards } = spaces;
  const guildSummaries = (guildId: string) =>
    cards.atomic.scanPrefix<CardSummary>(`summary:${guildId}:`);
  return {
    get: (guildId, userId, question) =>
      guarded(
        "read of a card",
        async () => (await cards.keyv.get<CardRecord>(cardKey(guildId, userId, question))) ?? null,
      ),
    ofMember: (guildId, userId) =>
      guarded("read of a member's cards", () =>
        cards.atomic.scanPrefix<CardRecord>(`${memberKey(guildId, userId)}:`),
      ),
    membersDue: (guildId, until) =>
      guarded("count of members with reviews due", async () => {
        const rows = await guildSummaries(guildId);
        return rows.filter((row) => row.earliestDue !== null && row.earliestDue <= until).length;
      }),
    reviewsBetween: (guildId, from, to) =>
      guarded("count of reviews", async () => {
        const rows = await guildSummaries(guildId);
        let total = 0;
        for (const row of rows) {
          for (const [, at] of row.reviews) if (at >= from && at < to) total++;
        }
        return total;
      }),
    move: (guildId, userId, question, decide) =>
      guarded("write of a card", () =>
        // A member's Reveals queue here; an answer's commit is caught by the summary's rev.
        cards.locks.run(memberKey(guildId, userId), async () => {
          for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            const read = await readMemberCards(spaces, guildId, userId);
            const current = storedCard(read, question);
            const next = decide(current);
            if (!next) return current;
            const writes = cardWrites(read, next);
            if (await commit(writes)) return { ...next, rev: (current?.rev ?? 0) + 1 };
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
          }
          throw new StoreError(`card of ${guildId}:${userId} kept conflicting with other writers`);
        }),
      ),
  };
}
