import en from "../i18n/en-US.json" with { type: "json" };
import zh from "../i18n/zh-CN.json" with { type: "json" };
import type { Language } from "../domain/locale.js";

export type MessageKey = keyof typeof en;

// The zh-CN table is checked against en-US's keys at compile time.
const tables: Record<Language, Record<MessageKey, string>> = { "en-US": en, "zh-CN": zh };

export function t(
  lang: Language,
  key: MessageKey,
  vars: Record<string, string | number> = {},
): string {
  return tables[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** Discord's `*_localizations` maps for command metadata; en-US is the default text. */
export function localizations(key: MessageKey): { "zh-CN": string } {
  return { "zh-CN": t("zh-CN", key) };
}

const plurals: Record<Language, Intl.PluralRules> = {
  "en-US": new Intl.PluralRules("en-US"),
  "zh-CN": new Intl.PluralRules("zh-CN"),
};

/**
 * The one plural helper: English needs "1 day" but "2 days". The text is `${key}-none` for 0,
 * else `${key}-<category>` for the language's plural category (Intl.PluralRules: "one" for an
 * English 1), each when the table has it, else `key`; `{count}` in it is the number.
 */
export function tCount(
  lang: Language,
  key: MessageKey,
  count: number,
  vars: Record<string, string | number> = {},
): string {
  const variant = `${key}-${count === 0 ? "none" : plurals[lang].select(count)}`;
  const chosen = variant in tables[lang] ? (variant as MessageKey) : key;
  return t(lang, chosen, { ...vars, count });
}
