import type { MessageKey } from "./discord/i18n.js";

/**
 * A mistake the member can fix. The router answers it ephemerally with the i18n message;
 * it is not a fault of the bot, so it is logged at debug level only.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    readonly key: MessageKey,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(key);
  }
}
