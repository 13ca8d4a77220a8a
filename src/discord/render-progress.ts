import type { APIEmbed } from "discord.js";
import type { Catalogue } from "../domain/catalogue.js";
import type { Language } from "../domain/locale.js";
import { TARGET_RECALL, type ForecastDay, type MemberProgress } from "../domain/progress.js";
import type { Logger } from "../log.js";
import { chartFont, type ChartFont } from "./chart-font.js";
import { t, tCount } from "./i18n.js";
import { PROGRESS_FILE, renderProgressPng, type ProgressChart } from "./render-progress-png.js";

// An embed's description holds 4,096 characters; a few banks' topics fit with room to spare.
const DESCRIPTION_LIMIT = 4_000;

const percent = (share: number) => Math.round(100 * share);

function topicLabel(catalogue: Catalogue, topic: string, lang: Language): string {
  return catalogue.topics.get(topic)?.[lang] ?? topic;
}

/** "Today", then short weekday names in the reader's language ("Sun", "周日"). */
function dayLabels(forecast: readonly ForecastDay[], lang: Language): string[] {
  const weekday = new Intl.DateTimeFormat(lang, { weekday: "short", timeZone: "UTC" });
  return forecast.map((day, i) =>
    i === 0 ? t(lang, "progress.today") : weekday.format(Date.parse(`${day.day}T12:00:00Z`)),
  );
}

/** The text view: everything the picture shows, readable where the picture is not sent. */
export function progressEmbed(
  userId: string,
  name: string,
  progress: MemberProgress,
  catalogue: Catalogue,
  lang: Language,
  withPicture: boolean,
): APIEmbed {
  const lines = progress.topics.map((topic) =>
    t(lang, "progress.topic-line", {
      topic: topicLabel(catalogue, topic.topic, lang),
      answered: topic.answered,
      total: topic.total,
      recall: percent(topic.recall),
    }),
  );
  let description = `<@${userId}>\n${t(lang, "progress.summary", {
    answered: progress.answered,
    total: progress.total,
    recall: percent(progress.recall),
  })}\n`;
  for (const line of lines) {
    if (description.length + line.length + 3 > DESCRIPTION_LIMIT) {
      description += "\n…";
      break;
    }
    description += `\n${line}`;
  }
  const weakest = progress.weakest;
  const suggestion = weakest
    ? tCount(lang, "progress.suggestion", weakest.questions, {
        topic: topicLabel(catalogue, weakest.topic, lang),
        recall: percent(progress.topics.find((p) => p.topic === weakest.topic)?.recall ?? 0),
      })
    : t(lang, "progress.all-strong", { target: percent(TARGET_RECALL) });
  const days = dayLabels(progress.forecast, lang);
  return {
    color: 0x388bfd,
    title: t(lang, "progress.title", { name }),
    description,
    fields: [
      { name: t(lang, "progress.weakest"), value: suggestion, inline: false },
      {
        name: t(lang, "progress.forecast"),
        value: progress.forecast.map((day, i) => `${days[i]} **${day.due}**`).join(" · "),
        inline: false,
      },
    ],
    footer: { text: t(lang, "progress.footer") },
    ...(withPicture ? { image: { url: `attachment://${PROGRESS_FILE}` } } : {}),
  };
}

/** The picture's content, in the reader's language. */
export function progressChart(
  name: string,
  progress: MemberProgress,
  catalogue: Catalogue,
  lang: Language,
): ProgressChart {
  const days = dayLabels(progress.forecast, lang);
  return {
    title: t(lang, "progress.title", { name }),
    rows: progress.topics.map((topic) => ({
      label: topicLabel(catalogue, topic.topic, lang),
      recall: topic.recall,
      detail: t(lang, "progress.bar-detail", {
        recall: percent(topic.recall),
        answered: topic.answered,
        total: topic.total,
      }),
    })),
    forecastTitle: t(lang, "progress.forecast"),
    forecast: progress.forecast.map((day, i) => ({ label: days[i] ?? day.day, due: day.due })),
  };
}

/**
 * The chart as a PNG, or null when it cannot be drawn (no font: logged once by the loader; a
 * rendering failure: logged here), so the member still gets the text view.
 */
export async function progressPicture(
  chart: ProgressChart,
  log: Logger,
  font: (log: Logger) => ChartFont | null = chartFont,
): Promise<Buffer | null> {
  const loaded = font(log);
  if (!loaded) return null;
  try {
    return await renderProgressPng(chart, loaded);
  } catch (error) {
    log.warn({ err: error }, "progress picture failed; sending the text view only");
    return null;
  }
}
