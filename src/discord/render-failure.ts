import type { Language } from "../domain/locale.js";
import type { ChannelPermission, PostFailure } from "../domain/post-failure.js";
import { t } from "./i18n.js";

/** Permission names as Discord's client shows them in the reader's language. */
export function permissionNames(missing: readonly ChannelPermission[], lang: Language): string {
  if (missing.length === 0) return t(lang, "pause.needed");
  const names = missing.map((permission) => t(lang, `permission.${permission}`));
  return new Intl.ListFormat(lang, { type: "conjunction" }).format(names);
}

/** Why a daily post did not go out, in the reader's language. */
export function describeFailure(failure: PostFailure, lang: Language): string {
  switch (failure.code) {
    case "missing-permissions":
      return t(lang, "failure.missing-permissions", {
        missing: permissionNames(failure.missing, lang),
      });
    case "discord-error":
      return t(lang, "failure.discord-error", {
        status: failure.status,
        discordCode: failure.discordCode,
      });
    case "discord-status":
      return t(lang, "failure.discord-status", { status: failure.status });
    case "question-left-bank":
      return t(lang, "failure.question-left-bank", { number: failure.number });
    case "legacy":
      return t(lang, "failure.legacy", { text: failure.text });
    default:
      return t(lang, `failure.${failure.code}`);
  }
}
