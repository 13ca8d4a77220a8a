import type { Catalogue } from "../domain/catalogue.js";
import type { Language } from "../domain/locale.js";
import type { ReviewPick } from "../domain/review-pick.js";
import { t, tCount } from "./i18n.js";
import { questionButtons, questionEmbed } from "./render-question.js";

/** Discord's relative timestamp markup ("in 3 days"), shown in the reader's own language. */
const relative = (epochMs: number) => `<t:${Math.floor(epochMs / 1000)}:R>`;

/** The private reply of `/question review`: the card to review, or the next due and a new question. */
export function reviewMessage(pick: ReviewPick, catalogue: Catalogue, lang: Language) {
  const question = pick.kind === "due" ? pick.question : pick.unseen;
  let content: string;
  if (pick.kind === "due") {
    content = tCount(lang, "review.due", pick.dueCount, { when: relative(pick.due) });
  } else {
    const next =
      pick.nextDue === null
        ? t(lang, "review.none-yet")
        : t(lang, "review.none", { when: relative(pick.nextDue) });
    content = `${next}\n${t(lang, pick.unseen ? "review.unseen" : "review.all-seen")}`;
  }
  if (!question) return { content, embeds: [], components: [] };
  const embed = questionEmbed(question, catalogue, lang);
  return {
    content,
    embeds: [
      pick.kind === "due"
        ? { ...embed, title: t(lang, "review.title", { number: question.number }) }
        : embed,
    ],
    components: [questionButtons(question, lang)],
  };
}
