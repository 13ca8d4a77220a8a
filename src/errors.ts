import type { MessageKey } from "./discord/i18n.js";
import type { Language } from "./domain/locale.js";

/** A variable that is itself text to translate, resolved in the reader's language. */
export type ErrorVar = string | number | ((lang: Language) => string);

/**
 * A mistake the member can fix. The router answers it ephemerally with the i18n message;
 * it is not a fault of the bot, so it is logged at debug level only.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    readonly key: MessageKey,
    readonly vars: Record<string, ErrorVar> = {},
  ) {
    super(key);
  }
}
