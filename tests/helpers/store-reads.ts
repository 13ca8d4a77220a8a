import { foldLegacy, type AnswerRecord, type LegacyAnswer } from "../../src/store/answer-record.js";
import type { Entry } from "../../src/store/atomic.js";
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

const isCurrent = (value: AnswerRecord | LegacyAnswer): value is AnswerRecord =>
  typeof (value as Partial<AnswerRecord>).rev === "number";

/**
 * The latest answer to each question the member answered, oldest first, as stored at `url`
 * (rows of the old one-row-per-submit layout folded in). The bot never lists answers back.
 */
export async function memberAnswers(
  url: string,
  guildId: string,
  userId: string,
): Promise<AnswerRecord[]> {
  const engine = await openEngine(url);
  try {
    const answers = await engine.open<AnswerRecord | LegacyAnswer>("answers");
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
  } finally {
    await engine.close();
  }
}
