import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  MessageFlags,
} from "discord.js";
import type { CommandModule } from "../src/discord/command.js";
import { named, namedOption, NO_MENTIONS } from "../src/discord/command-text.js";
import { argumentsOf, focusedOf } from "../src/discord/command-options.js";
import type { MessageKey } from "../src/discord/i18n.js";
import { answerFeedbackMessage } from "../src/discord/render-feedback.js";
import {
  answerModal,
  ANSWER_INPUT_ID,
  questionMessage,
  revealEmbed,
} from "../src/discord/render-question.js";
import {
  pickRandom,
  questionsWithTopic,
  suggestQuestions,
  suggestTopics,
} from "../src/domain/catalogue.js";
import { gradeButtonOf, numericArg, type CustomId } from "../src/domain/custom-id.js";
import { languageFor } from "../src/domain/locale.js";
import { UserError } from "../src/errors.js";
import {
  correctGrade,
  recordAnswer,
  requireQuestion,
  revealAnswer,
} from "../src/services/answer-question.js";
import type { AppContext } from "../src/context.js";

const numberOption = <const R extends boolean>(descriptionKey: MessageKey, required: R) => ({
  type: ApplicationCommandOptionType.Integer as const,
  ...namedOption("number", "command.question.number.name", descriptionKey),
  min_value: 1,
  autocomplete: true,
  required,
});

const data = {
  ...named("command.question.name", "command.question.description"),
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      ...namedOption("ask", "command.question.ask.name", "command.question.ask.description"),
      options: [
        numberOption("command.question.ask.number.description", false),
        {
          type: ApplicationCommandOptionType.String,
          ...namedOption(
            "topic",
            "command.question.topic.name",
            "command.question.ask.topic.description",
          ),
          autocomplete: true,
          // An autocomplete choice's value holds at most 100 characters; no topic is longer.
          max_length: 100,
          required: false,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      ...namedOption(
        "reveal",
        "command.question.reveal.name",
        "command.question.reveal.description",
      ),
      options: [numberOption("command.question.reveal.number.description", true)],
    },
  ],
} satisfies CommandModule["data"];

function questionFromId(ctx: AppContext, id: CustomId) {
  const number = numericArg(id);
  if (number === null) throw new UserError("error.unknown-component");
  return requireQuestion(ctx, number);
}

function chooseQuestion(ctx: AppContext, number: number | null, topic: string | null) {
  if (number !== null) return requireQuestion(ctx, number);
  const pool = topic === null ? ctx.catalogue.questions : questionsWithTopic(ctx.catalogue, topic);
  const picked = pickRandom(pool, ctx.random);
  if (!picked) throw new UserError("error.unknown-topic", { topic: topic ?? "" });
  return picked;
}

export const questionCommand: CommandModule = {
  data,
  // An answer's submission writes the store (and a Reveal the member's card).
  storeFailure: () => "error.store.answer",

  async execute(interaction, ctx) {
    const lang = languageFor(interaction.locale);
    const args = argumentsOf(data, interaction);
    if (args.subcommand === "reveal") {
      const question = await revealAnswer(ctx, {
        guildId: interaction.guildId,
        userId: interaction.user.id,
        number: args.number,
      });
      await interaction.reply({
        embeds: [revealEmbed(question, lang)],
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    const question = chooseQuestion(ctx, args.number, args.topic);
    await interaction.reply({
      ...questionMessage(question, ctx.catalogue, lang),
      allowedMentions: NO_MENTIONS,
    });
  },

  async autocomplete(interaction, ctx) {
    const lang = languageFor(interaction.locale);
    const focused = focusedOf(data, interaction);
    const choices =
      focused.name === "topic"
        ? suggestTopics(ctx.catalogue, focused.value, lang)
        : suggestQuestions(ctx.catalogue, focused.value, lang);
    await interaction.respond(choices);
  },

  buttons: {
    async answer(interaction, ctx, id) {
      const question = questionFromId(ctx, id);
      await interaction.showModal(answerModal(question, languageFor(interaction.locale)));
    },
    async reveal(interaction, ctx, id) {
      const question = await revealAnswer(ctx, {
        guildId: interaction.guildId,
        userId: interaction.user.id,
        number: questionFromId(ctx, id).number,
      });
      await interaction.reply({
        embeds: [revealEmbed(question, languageFor(interaction.locale))],
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_MENTIONS,
      });
    },
    async grade(interaction, ctx, id) {
      const chosen = gradeButtonOf(id);
      if (!chosen) throw new UserError("error.unknown-component");
      // The store may be slow: acknowledge first, then update the feedback in place.
      await interaction.deferUpdate();
      const { question, record } = await correctGrade(ctx, {
        guildId: interaction.guildId,
        userId: interaction.user.id,
        ...chosen,
      });
      const graded = record.suggestedGrade && {
        text: record.text,
        covered: record.covered ?? [],
        suggested: record.suggestedGrade,
        final: record.finalGrade ?? null,
      };
      await interaction.editReply({
        ...answerFeedbackMessage(
          question,
          record.text,
          graded ?? null,
          languageFor(interaction.locale),
        ),
        allowedMentions: NO_MENTIONS,
      });
    },
  },

  modals: {
    async submit(interaction, ctx, id) {
      const lang = languageFor(interaction.locale);
      const question = questionFromId(ctx, id);
      // The store may be slow (a busy SQLite file, a remote Redis): acknowledge first.
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const saved = await recordAnswer(ctx, {
        answerId: interaction.id,
        guildId: interaction.guildId,
        userId: interaction.user.id,
        number: question.number,
        text: interaction.fields.getTextInputValue(ANSWER_INPUT_ID),
      });
      const graded = saved.feedback && {
        text: saved.text,
        covered: saved.feedback.covered,
        suggested: saved.feedback.grade,
        final: null,
      };
      await interaction.editReply({
        ...answerFeedbackMessage(saved.question, saved.text, graded, lang),
        allowedMentions: NO_MENTIONS,
      });
    },
  },
};
