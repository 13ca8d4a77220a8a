import type { APIEmbed } from "discord.js";
import { findQuestion, type Catalogue } from "../domain/catalogue.js";
import type { Language } from "../domain/locale.js";
import { MIN_GRADED_ANSWERS, type WeeklyDigest } from "../domain/weekly-digest.js";
import { t, tCount } from "./i18n.js";

/** A question quoted in a field: its first line, kept well inside a field's 1024 characters. */
const QUOTE_LIMIT = 200;

const quote = (text: string) => {
  const line = text.split("\n")[0] ?? "";
  return line.length > QUOTE_LIMIT ? `${line.slice(0, QUOTE_LIMIT - 1)}…` : line;
};

function changeLine(digest: WeeklyDigest, lang: Language): string {
  const change = digest.answered - digest.answeredBefore;
  if (change === 0) return t(lang, "digest.change-same");
  return t(lang, change > 0 ? "digest.change-up" : "digest.change-down", {
    count: Math.abs(change),
    before: digest.answeredBefore,
  });
}

function streaksValue(digest: WeeklyDigest, lang: Language): string {
  if (digest.topStreaks.length === 0) return t(lang, "digest.streaks-none");
  // Mentions render as names; the message is sent with allowed_mentions empty, so nobody is pinged.
  return digest.topStreaks
    .map(
      (entry, i) =>
        `**${i + 1}.** <@${entry.userId}> · ${tCount(lang, "digest.streak-days", entry.value)}`,
    )
    .join("\n");
}

function hardestValue(digest: WeeklyDigest, catalogue: Catalogue, lang: Language): string {
  const rule = t(lang, "digest.hardest-rule", { min: MIN_GRADED_ANSWERS });
  const hardest = digest.hardest;
  const question = hardest && findQuestion(catalogue, hardest.number);
  if (!hardest || !question) return `${t(lang, "digest.hardest-none")}\n${rule}`;
  const line = t(lang, "digest.hardest-value", {
    number: hardest.number,
    question: quote(question[lang].question),
    good: hardest.good,
    graded: hardest.graded,
  });
  return `${line}\n${rule}`;
}

function missedValue(digest: WeeklyDigest, lang: Language): string {
  const missed = digest.mostMissed;
  if (!missed) return t(lang, "digest.missed-none");
  return t(lang, "digest.missed-value", {
    label: missed.point.label[lang],
    number: missed.number,
    missed: missed.missed,
    graded: missed.graded,
  });
}

/** The weekly digest: counts, the streak leaders by name (no pings), the week's hard spots. */
export function digestEmbed(digest: WeeklyDigest, catalogue: Catalogue, lang: Language): APIEmbed {
  const answered = tCount(lang, "digest.answered", digest.answered);
  return {
    color: 0xfee75c,
    title: t(lang, "digest.title", { first: digest.week.first, last: digest.week.last }),
    description: t(lang, "digest.summary", { answered, change: changeLine(digest, lang) }),
    fields: [
      { name: t(lang, "digest.streaks"), value: streaksValue(digest, lang) },
      { name: t(lang, "digest.hardest"), value: hardestValue(digest, catalogue, lang) },
      { name: t(lang, "digest.missed"), value: missedValue(digest, lang) },
      {
        name: t(lang, "digest.reviews"),
        value: tCount(lang, "digest.reviews-value", digest.reviews),
      },
    ],
  };
}

export function digestMessage(digest: WeeklyDigest, catalogue: Catalogue, lang: Language) {
  return { embeds: [digestEmbed(digest, catalogue, lang)], components: [] };
}
