import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from "discord.js";
import type { Question } from "../bank/schema.js";
import { GRADES, type Grade } from "../domain/answer-feedback.js";
import { gradeButtonId } from "../domain/custom-id.js";
import type { Language } from "../domain/locale.js";
import { t } from "./i18n.js";
import { answerResultEmbed } from "./render-question.js";

/** What the feedback shows of one graded answer: read back from the store for a correction. */
export type GradedAnswer = {
  text: string;
  covered: readonly string[];
  suggested: Grade;
  /** The member's correction; null until they pick one. */
  final: Grade | null;
};

// Discord's embed limits: "Field values are limited to 1024 characters", "Embed descriptions are
// limited to 4096 characters", and "the sum of all characters ... in an embed must not exceed
// 6000 characters" (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
const FIELD_VALUE_LIMIT = 1024;
const DESCRIPTION_LIMIT = 4096;
const EMBED_TOTAL_LIMIT = 6000;
/** What stays of the question and of the explanation when the whole would be over the total. */
const QUESTION_KEPT = 200;
const EXPLANATION_KEPT = 500;
const COLOR: Record<Grade, number> = {
  again: 0xed4245,
  hard: 0xfaa61a,
  good: 0x57f287,
  easy: 0x5865f2,
};

const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;

function pointLines(question: Question, covered: readonly string[], lang: Language): string {
  return (question.keyPoints ?? [])
    .map((point) => `${covered.includes(point.id) ? "✓" : "✗"} ${point.label[lang]}`)
    .join("\n");
}

/** The embed's characters as Discord counts them: title, description, field names and values, footer. */
function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0)
  );
}

/**
 * The member's answer with each key point covered (✓) or missed (✗, the label as the reference
 * wording), the suggested grade (and their own, once chosen), then the reference as before.
 */
export function feedbackEmbed(question: Question, answer: GradedAnswer, lang: Language): APIEmbed {
  const grade = (g: Grade) => t(lang, `grade.${g}`);
  const local = question[lang];
  const head = [
    { name: t(lang, "result.yours"), value: clip(answer.text, FIELD_VALUE_LIMIT) },
    {
      name: t(lang, "feedback.points"),
      value: clip(pointLines(question, answer.covered, lang), FIELD_VALUE_LIMIT),
    },
    { name: t(lang, "feedback.suggested"), value: grade(answer.suggested), inline: true },
    ...(answer.final
      ? [{ name: t(lang, "feedback.chosen"), value: grade(answer.final), inline: true }]
      : []),
    { name: t(lang, "reveal.answer"), value: clip(local.answer, FIELD_VALUE_LIMIT) },
  ];
  const embed: APIEmbed = {
    color: COLOR[answer.final ?? answer.suggested],
    title: t(lang, "result.title", { number: question.number }),
    description: clip(local.question, DESCRIPTION_LIMIT),
    fields: head,
    footer: { text: t(lang, "feedback.hint") },
  };
  const name = t(lang, "reveal.explanation");
  // Over the total, the question (the member has just read it) gives way first, down to a line,
  // then the explanation, the longest text and the last read.
  const explanation = Math.min(local.explanation.length, EXPLANATION_KEPT);
  const over = embedLength(embed) + name.length + explanation - EMBED_TOTAL_LIMIT;
  if (over > 0 && embed.description) {
    embed.description = clip(
      embed.description,
      Math.max(QUESTION_KEPT, embed.description.length - over),
    );
  }
  const room = EMBED_TOTAL_LIMIT - embedLength(embed) - name.length;
  if (room > 1)
    head.push({ name, value: clip(local.explanation, Math.min(room, FIELD_VALUE_LIMIT)) });
  return embed;
}

/** Again/Hard/Good/Easy; the grade in force (the member's, else the suggestion) is highlighted. */
export function gradeButtons(
  question: Question,
  answer: GradedAnswer,
  lang: Language,
): APIActionRowComponent<APIButtonComponent> {
  const current = answer.final ?? answer.suggested;
  return {
    type: ComponentType.ActionRow,
    components: GRADES.map((g) => ({
      type: ComponentType.Button,
      style: g === current ? ButtonStyle.Primary : ButtonStyle.Secondary,
      label: t(lang, `grade.${g}`),
      custom_id: gradeButtonId(question.number, g),
    })),
  };
}

/** The reply after an answer: graded when the question has key points, else as before, saying so. */
export function answerFeedbackMessage(
  question: Question,
  text: string,
  graded: GradedAnswer | null,
  lang: Language,
) {
  if (!graded || !question.keyPoints) {
    const embed = answerResultEmbed(question, text, lang);
    return {
      embeds: [{ ...embed, footer: { text: t(lang, "feedback.no-key-points") } }],
      components: [],
    };
  }
  return {
    embeds: [feedbackEmbed(question, graded, lang)],
    components: [gradeButtons(question, graded, lang)],
  };
}
