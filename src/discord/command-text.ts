import { localizations, t, type MessageKey } from "./i18n.js";

/** Name and description of a command or option, in English with the zh-CN localizations. */
export const named = (nameKey: MessageKey, descriptionKey: MessageKey) => ({
  name: t("en-US", nameKey),
  name_localizations: localizations(nameKey),
  description: t("en-US", descriptionKey),
  description_localizations: localizations(descriptionKey),
});

/**
 * An option or subcommand: its name is the literal handlers read (typed from the data), and the
 * en-US table must say the same, so the registered name and the typed one cannot drift apart.
 */
export function namedOption<const N extends string>(
  name: N,
  nameKey: MessageKey,
  descriptionKey: MessageKey,
) {
  if (t("en-US", nameKey) !== name)
    throw new Error(`option ${name}: en-US ${nameKey} says "${t("en-US", nameKey)}"`);
  return { ...named(nameKey, descriptionKey), name };
}

/** Mentions never ping from this bot: every message says so explicitly. */
export const NO_MENTIONS = { parse: [] } as const;
