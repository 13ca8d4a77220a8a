/** A permission the daily post needs, by its Discord API name (rendered through the i18n table). */
export type ChannelPermission = "ViewChannel" | "SendMessages" | "EmbedLinks";

/**
 * Why a daily post did not go out, as an identifier with data. It is stored (a pause, the last
 * error) and rendered later in the reader's language; log lines carry the English detail.
 */
export type PostFailure =
  | { code: "missing-permissions"; missing: ChannelPermission[] }
  | { code: "missing-access" }
  | { code: "channel-gone" }
  | { code: "guild-gone" }
  | { code: "rate-limited" }
  | { code: "discord-error"; status: number; discordCode: number }
  | { code: "discord-status"; status: number }
  | { code: "unreachable" }
  | { code: "nonce-taken" }
  | { code: "question-left-bank"; number: number }
  | { code: "unexpected" }
  /** A sentence stored by a version before these codes, kept as it was. */
  | { code: "legacy"; text: string };
