import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from "discord.js";
import { calendarText } from "../domain/calendar.js";
import { leaderboardPageId } from "../domain/custom-id.js";
import type { Language } from "../domain/locale.js";
import type { Page, RankedEntry } from "../domain/ranking.js";
import { MAX_FREEZES } from "../domain/streak.js";
import type { Board } from "../domain/board.js";
import type { MemberStats } from "../domain/member-stats.js";
import { t, tCount } from "./i18n.js";

export const CALENDAR_FILE = "calendar.png";

const boardValue = (lang: Language, board: Board, value: number) =>
  tCount(lang, `board.value.${board}`, value);

export function streakEmbed(
  userId: string,
  name: string,
  stats: MemberStats,
  lang: Language,
  withPicture: boolean,
): APIEmbed {
  const field = (key: Parameters<typeof t>[1], value: string, inline = true) => ({
    name: t(lang, key),
    value,
    inline,
  });
  return {
    color: 0x2ea043,
    title: t(lang, "streak.title", { name }),
    description: `<@${userId}>`,
    fields: [
      field("streak.current", tCount(lang, "streak.days", stats.current)),
      field("streak.best", tCount(lang, "streak.days", stats.best)),
      field("streak.answers", String(stats.totalAnswers)),
      field(
        "streak.freezes",
        t(lang, "streak.freezes-value", { value: stats.freezes, max: MAX_FREEZES }),
      ),
      field(
        "streak.rank",
        stats.rank
          ? t(lang, "streak.rank-value", { rank: stats.rank.rank, total: stats.boardSize })
          : t(lang, "streak.unranked"),
      ),
      // The text calendar is the fallback for clients that do not show the picture.
      field("streak.calendar", "```\n" + calendarText(stats.calendar) + "\n```", false),
    ],
    ...(withPicture ? { image: { url: `attachment://${CALENDAR_FILE}` } } : {}),
  };
}

export function leaderboardEmbed(
  board: Board,
  shown: Page<RankedEntry>,
  you: { rank: number; value: number } | null,
  lang: Language,
): APIEmbed {
  const lines = shown.items.map(
    (entry) => `**${entry.rank}.** <@${entry.userId}> · ${boardValue(lang, board, entry.value)}`,
  );
  const yours = you
    ? t(lang, "leaderboard.you", { rank: you.rank, value: boardValue(lang, board, you.value) })
    : t(lang, "leaderboard.you-unranked");
  return {
    color: 0xf1c40f,
    title: t(lang, "leaderboard.title", { board: t(lang, `board.${board}`) }),
    description:
      lines.length > 0 ? `${lines.join("\n")}\n\n${yours}` : t(lang, "leaderboard.empty"),
    footer: {
      text: t(lang, "leaderboard.page", { page: shown.pageIndex + 1, pages: shown.pageCount }),
    },
  };
}

export function leaderboardButtons(
  board: Board,
  shown: Page<RankedEntry>,
  lang: Language,
): APIActionRowComponent<APIButtonComponent> {
  const button = (
    label: "button.previous" | "button.next",
    pageIndex: number,
    disabled: boolean,
  ): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: t(lang, label),
    custom_id: leaderboardPageId(board, pageIndex),
    disabled,
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      button("button.previous", shown.pageIndex - 1, shown.pageIndex === 0),
      button("button.next", shown.pageIndex + 1, shown.pageIndex >= shown.pageCount - 1),
    ],
  };
}
