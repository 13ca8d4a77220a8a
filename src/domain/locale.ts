export const LANGUAGES = ["en-US", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Discord locales for Chinese are zh-CN and zh-TW; everyone else reads English. */
export function languageFor(discordLocale: string | null | undefined): Language {
  return discordLocale?.toLowerCase().startsWith("zh") ? "zh-CN" : "en-US";
}
