import type { APIEmbed } from "discord.js";
import type { Question } from "../bank/schema.js";
import type { PreviousReveal } from "../context.js";
import type { Catalogue } from "../domain/catalogue.js";
import type { Language } from "../domain/locale.js";
import { t, tCount } from "./i18n.js";
import { questionButtons, questionEmbed } from "./render-question.js";

const THREAD_NAME_LIMIT = 100;

/** Reveals the previous day's question publicly, now that members had their day to answer. */
export function previousRevealEmbed(
  { question, answered, mostMissed }: PreviousReveal,
  lang: Language,
): APIEmbed {
  // Counts only, never names: the reveal is public.
  const missed = mostMissed && {
    name: t(lang, "daily.previous.most-missed"),
    value: t(lang, "daily.previous.most-missed-value", {
      label: mostMissed.point.label[lang],
      missed: mostMissed.missed,
      graded: mostMissed.graded,
    }),
  };
  return {
    color: 0x57f287,
    title: t(lang, "daily.previous.title", { number: question.number }),
    description: `${question[lang].question}\n\n${tCount(lang, "daily.previous.answered", answered)}`,
    fields: [
      { name: t(lang, "reveal.answer"), value: question[lang].answer },
      { name: t(lang, "reveal.explanation"), value: question[lang].explanation },
      ...(missed ? [missed] : []),
    ],
  };
}

export function dailyPostMessage(
  question: Question,
  catalogue: Catalogue,
  lang: Language,
  previous: PreviousReveal | undefined,
  onStreak: number,
  reviewsDue?: number,
) {
  const base = questionEmbed(question, catalogue, lang);
  // A count only, never names: the post is public.
  const due = reviewsDue === undefined ? "" : `\n${tCount(lang, "daily.reviews-due", reviewsDue)}`;
  const today = {
    ...base,
    title: t(lang, "daily.title", { number: question.number }),
    description: `${base.description ?? ""}\n\n${tCount(lang, "daily.on-streak", onStreak)}`,
    ...(base.footer && { footer: { ...base.footer, text: `${base.footer.text}${due}` } }),
  };
  return {
    embeds: previous ? [previousRevealEmbed(previous, lang), today] : [today],
    components: [questionButtons(question, lang)],
  };
}

export function dailyThreadName(question: Question, lang: Language): string {
  return t(lang, "daily.thread", { number: question.number }).slice(0, THREAD_NAME_LIMIT);
}
