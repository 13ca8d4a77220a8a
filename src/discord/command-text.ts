import { localizations, t, type MessageKey } from "./i18n.js";

/** Name and description of a command or option, in English with the zh-CN localizations. */
export const named = (nameKey: MessageKey, descriptionKey: MessageKey) => ({
  name: t("en-US", nameKey),
  name_localizations: localizations(nameKey),
  description: t("en-US", descriptionKey),
  description_localizations: localizations(descriptionKey),
});

/** Mentions never ping from this bot: every message says so explicitly. */
export const NO_MENTIONS = { parse: [] } as const;
