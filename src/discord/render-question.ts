import {
  ButtonStyle,
  ComponentType,
  TextInputStyle,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
} from "discord.js";
import type { Question } from "../bank/schema.js";
import { ANSWER_MAX_LENGTH } from "../domain/answer.js";
import type { Catalogue } from "../domain/catalogue.js";
import { formatCustomId } from "../domain/custom-id.js";
import type { Language } from "../domain/locale.js";
import { t } from "./i18n.js";

/** The text input inside the answer modal; read back by the submit handler. */
export const ANSWER_INPUT_ID = "answer";

const COLOR = { question: 0x5865f2, reveal: 0x57f287, result: 0xfee75c } as const;

function topicLine(question: Question, catalogue: Catalogue, lang: Language): string {
  return question.topics.map((id) => catalogue.topics.get(id)?.[lang] ?? id).join(" · ");
}

function bankTitle(question: Question, catalogue: Catalogue, lang: Language): string {
  return catalogue.banks.find((bank) => bank.id === question.bank)?.title[lang] ?? question.bank;
}

export function questionEmbed(question: Question, catalogue: Catalogue, lang: Language): APIEmbed {
  return {
    color: COLOR.question,
    title: t(lang, "question.title", { number: question.number }),
    description: question[lang].question,
    fields: [{ name: t(lang, "question.topics"), value: topicLine(question, catalogue, lang) }],
    footer: { text: t(lang, "question.footer", { bank: bankTitle(question, catalogue, lang) }) },
  };
}

export function questionButtons(
  question: Question,
  lang: Language,
): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Primary,
        label: t(lang, "button.answer"),
        custom_id: formatCustomId({
          command: "question",
          action: "answer",
          arg: String(question.number),
        }),
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: t(lang, "button.reveal"),
        custom_id: formatCustomId({
          command: "question",
          action: "reveal",
          arg: String(question.number),
        }),
      },
    ],
  };
}

export function questionMessage(question: Question, catalogue: Catalogue, lang: Language) {
  return {
    embeds: [questionEmbed(question, catalogue, lang)],
    components: [questionButtons(question, lang)],
  };
}

export function revealEmbed(question: Question, lang: Language): APIEmbed {
  return {
    color: COLOR.reveal,
    title: t(lang, "reveal.title", { number: question.number }),
    description: question[lang].question,
    fields: [
      { name: t(lang, "reveal.answer"), value: question[lang].answer },
      { name: t(lang, "reveal.explanation"), value: question[lang].explanation },
    ],
  };
}

export function answerResultEmbed(question: Question, answer: string, lang: Language): APIEmbed {
  return {
    color: COLOR.result,
    title: t(lang, "result.title", { number: question.number }),
    description: question[lang].question,
    fields: [
      { name: t(lang, "result.yours"), value: answer },
      { name: t(lang, "reveal.answer"), value: question[lang].answer },
      { name: t(lang, "reveal.explanation"), value: question[lang].explanation },
    ],
  };
}

export function answerModal(
  question: Question,
  lang: Language,
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: formatCustomId({
      command: "question",
      action: "submit",
      arg: String(question.number),
    }),
    title: t(lang, "modal.title", { number: question.number }),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: ANSWER_INPUT_ID,
            style: TextInputStyle.Paragraph,
            label: t(lang, "modal.label"),
            placeholder: t(lang, "modal.placeholder"),
            min_length: 1,
            max_length: ANSWER_MAX_LENGTH,
            required: true,
          },
        ],
      },
    ],
  };
}
