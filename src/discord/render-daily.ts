import type { APIEmbed } from "discord.js";
import type { Question } from "../bank/schema.js";
import type { PreviousReveal } from "../context.js";
import type { Catalogue } from "../domain/catalogue.js";
import type { Language } from "../domain/locale.js";
import { t } from "./i18n.js";
import { questionButtons, questionEmbed } from "./render-question.js";

const THREAD_NAME_LIMIT = 100;

function answeredLine(lang: Language, count: number): string {
  if (count === 0) return t(lang, "daily.previous.answered-none");
  return count === 1
    ? t(lang, "daily.previous.answered-one")
    : t(lang, "daily.previous.answered", { count });
}

/** Reveals the previous day's question publicly, now that members had their day to answer. */
export function previousRevealEmbed(
  { question, answered }: PreviousReveal,
  lang: Language,
): APIEmbed {
  return {
    color: 0x57f287,
    title: t(lang, "daily.previous.title", { number: question.number }),
    description: `${question[lang].question}\n\n${answeredLine(lang, answered)}`,
    fields: [
      { name: t(lang, "reveal.answer"), value: question[lang].answer },
      { name: t(lang, "reveal.explanation"), value: question[lang].explanation },
    ],
  };
}

function onStreakLine(lang: Language, count: number): string {
  if (count === 0) return t(lang, "daily.on-streak-none");
  return count === 1 ? t(lang, "daily.on-streak-one") : t(lang, "daily.on-streak", { count });
}

export function dailyPostMessage(
  question: Question,
  catalogue: Catalogue,
  lang: Language,
  previous: PreviousReveal | undefined,
  onStreak: number,
) {
  const base = questionEmbed(question, catalogue, lang);
  const today = {
    ...base,
    title: t(lang, "daily.title", { number: question.number }),
    description: `${base.description ?? ""}\n\n${onStreakLine(lang, onStreak)}`,
  };
  return {
    embeds: previous ? [previousRevealEmbed(previous, lang), today] : [today],
    components: [questionButtons(question, lang)],
  };
}

export function dailyThreadName(question: Question, lang: Language): string {
  return t(lang, "daily.thread", { number: question.number }).slice(0, THREAD_NAME_LIMIT);
}
