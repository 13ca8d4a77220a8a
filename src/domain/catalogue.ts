import type { BankFile, Question } from "../bank/schema.js";
import type { Language } from "./locale.js";
import type { Result } from "./result.js";

export type { Result };

export type TopicLabel = Record<Language, string>;

export type Catalogue = {
  banks: readonly { id: string; title: Record<Language, string>; source: string }[];
  questions: readonly Question[];
  topics: ReadonlyMap<string, TopicLabel>;
};

/** Numbers are the members' handle on a question, so they must be unique across all banks. */
export function createCatalogue(banks: readonly BankFile[]): Result<Catalogue> {
  const owner = new Map<number, string>();
  const topics = new Map<string, TopicLabel>();
  const questions: Question[] = [];
  for (const bank of banks) {
    if (banks.filter((other) => other.id === bank.id).length > 1) {
      return { ok: false, error: `bank id "${bank.id}" is loaded twice` };
    }
    for (const [id, label] of Object.entries(bank.topics))
      if (!topics.has(id)) topics.set(id, label);
    for (const question of bank.questions) {
      const previous = owner.get(question.number);
      if (previous) {
        return {
          ok: false,
          error: `question ${question.number} of bank "${bank.id}" has the same number as one in bank "${previous}"; numbers must be unique across banks (start a new bank at an unused range, such as 101)`,
        };
      }
      owner.set(question.number, bank.id);
      questions.push({ ...question, bank: bank.id });
    }
  }
  questions.sort((a, b) => a.number - b.number);
  return {
    ok: true,
    value: {
      banks: banks.map(({ id, title, source }) => ({ id, title, source })),
      questions,
      topics,
    },
  };
}

export function findQuestion(catalogue: Catalogue, number: number): Question | undefined {
  return catalogue.questions.find((question) => question.number === number);
}

export function questionsWithTopic(catalogue: Catalogue, topic: string): readonly Question[] {
  return catalogue.questions.filter((question) => question.topics.includes(topic));
}

/** `random` returns a float in [0, 1), like Math.random; passed in so tests can pin it. */
export function pickRandom<T>(items: readonly T[], random: () => number): T | undefined {
  return items[Math.floor(random() * items.length)];
}

export type Choice<V> = { name: string; value: V };
const CHOICE_NAME_LIMIT = 100;
const MAX_CHOICES = 25;

function clip(text: string): string {
  return text.length <= CHOICE_NAME_LIMIT ? text : `${text.slice(0, CHOICE_NAME_LIMIT - 1)}…`;
}

function matches(query: string, ...texts: string[]): boolean {
  const needle = query.trim().toLowerCase();
  return needle === "" || texts.some((text) => text.toLowerCase().includes(needle));
}

/** Autocomplete for `number`: "5 · What is …" in the member's language, matched on number or text. */
export function suggestQuestions(
  catalogue: Catalogue,
  query: string,
  lang: Language,
): Choice<number>[] {
  return catalogue.questions
    .filter((q) =>
      matches(query, String(q.number), q[lang].question, q["zh-CN"].question, q["en-US"].question),
    )
    .sort(
      (a, b) =>
        Number(!String(a.number).startsWith(query.trim())) -
        Number(!String(b.number).startsWith(query.trim())),
    )
    .slice(0, MAX_CHOICES)
    .map((q) => ({ name: clip(`${q.number} · ${q[lang].question}`), value: q.number }));
}

export function suggestTopics(
  catalogue: Catalogue,
  query: string,
  lang: Language,
): Choice<string>[] {
  return [...catalogue.topics]
    .filter(([id, label]) => matches(query, id, label["zh-CN"], label["en-US"]))
    .slice(0, MAX_CHOICES)
    .map(([id, label]) => {
      const count = questionsWithTopic(catalogue, id).length;
      return { name: clip(`${label[lang]} (${count})`), value: id };
    });
}
