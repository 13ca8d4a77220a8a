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

/** English needs "1 day" but "2 days": a key ending in -one, when the table has it, covers 1. */
export function tCount(lang: Language, key: MessageKey, value: number): string {
  const one = `${key}-one`;
  return value === 1 && one in tables[lang]
    ? t(lang, one as MessageKey, { value })
    : t(lang, key, { value });
}
