import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
} from "discord.js";
import type { Question } from "../bank/schema.js";
import type { Catalogue } from "../domain/catalogue.js";
import { interviewId } from "../domain/custom-id.js";
import type { InterviewRun, Scorecard } from "../domain/interview.js";
import type { Language } from "../domain/locale.js";
import { t, tCount } from "./i18n.js";
import { answerModal, questionEmbed } from "./render-question.js";

const SCORE_COLOR = 0xfee75c;
/** What a review line keeps of its question: enough to recognise it. */
const REVIEW_QUESTION_KEPT = 80;
const INTERVIEW_ID_PREFIX = "question:interview-";

type Row = APIActionRowComponent<APIButtonComponent>;

const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;

function buttonRow(
  label: string,
  customId: string,
  style: ButtonStyle.Primary | ButtonStyle.Success,
): Row {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style, label, custom_id: customId }],
  };
}

/** The run's opening words: how many questions, and why fewer than asked when the topic is small. */
function introOf(run: InterviewRun, asked: number, lang: Language): string {
  const intro = tCount(lang, "interview.intro", run.questions.length);
  return run.questions.length < asked
    ? `${intro}\n${t(lang, "interview.fewer", { asked })}`
    : intro;
}

/**
 * The step to answer: the question as /question ask shows it, the step in the footer and one
 * Answer button whose id carries the run. The first step opens with the run's intro (`asked`).
 */
export function interviewQuestionMessage(
  question: Question,
  run: InterviewRun,
  catalogue: Catalogue,
  lang: Language,
  asked: number | null = null,
) {
  const step = run.covered.length + 1;
  const embed = {
    ...questionEmbed(question, catalogue, lang),
    footer: { text: t(lang, "interview.step", { step, count: run.questions.length }) },
  };
  return {
    ...(asked !== null && { content: introOf(run, asked, lang) }),
    embeds: [embed],
    components: [
      buttonRow(
        t(lang, "button.answer"),
        interviewId("interview-answer", run),
        ButtonStyle.Primary,
      ),
    ],
  };
}

/** The usual Answer modal, submitted to the interview so the run goes on. */
export function interviewAnswerModal(
  question: Question,
  run: InterviewRun,
  lang: Language,
): APIModalInteractionResponseCallbackData {
  return { ...answerModal(question, lang), custom_id: interviewId("interview-submit", run) };
}

/** The button under a step's feedback that opens the next question. */
export function nextQuestionRow(run: InterviewRun, lang: Language): Row {
  return buttonRow(
    t(lang, "button.interview-next"),
    interviewId("interview-next", run),
    ButtonStyle.Success,
  );
}

/**
 * The interview's own rows of a message (its Next button), so a grade correction that redraws
 * the feedback keeps the way on.
 */
export function interviewRowsOf(rows: readonly unknown[]): Row[] {
  return rows.filter((row): row is Row => {
    const candidate = row as Partial<Row>;
    return (
      candidate.type === ComponentType.ActionRow &&
      (candidate.components ?? []).some(
        (button) => "custom_id" in button && button.custom_id.startsWith(INTERVIEW_ID_PREFIX),
      )
    );
  });
}

/** A redrawn feedback message with the interview's rows of the message it replaces. */
export function withInterviewRows<M extends { components: Row[] }>(
  message: M,
  previousRows: readonly unknown[],
): M {
  return { ...message, components: [...message.components, ...interviewRowsOf(previousRows)] };
}

function scoreLine(line: Scorecard["lines"][number], lang: Language): string {
  return line.total === 0
    ? t(lang, "interview.score.ungraded", { number: line.number })
    : `${line.covered === line.total ? "✓" : "✗"} ${t(lang, "interview.score.line", line)}`;
}

/** The end of a run: key points covered per question, the total, and the questions to review. */
export function scorecardEmbed(card: Scorecard, catalogue: Catalogue, lang: Language): APIEmbed {
  const percent = card.total === 0 ? 0 : Math.round((card.covered / card.total) * 100);
  const review = card.review.map((number) => {
    const text = catalogue.questions.find((q) => q.number === number)?.[lang].question ?? "";
    return `#${number} · ${clip(text, REVIEW_QUESTION_KEPT)}`;
  });
  return {
    color: SCORE_COLOR,
    title: t(lang, "interview.score.title"),
    description: card.lines.map((line) => scoreLine(line, lang)).join("\n"),
    fields: [
      {
        name: t(lang, "interview.score.total"),
        value: t(lang, "interview.score.total-value", {
          covered: card.covered,
          total: card.total,
          percent,
        }),
      },
      {
        name: t(lang, "interview.score.review"),
        value: review.length > 0 ? review.join("\n") : t(lang, "interview.score.review-none"),
      },
    ],
    footer: { text: t(lang, "interview.score.hint") },
  };
}
