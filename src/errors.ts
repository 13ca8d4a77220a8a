import type { MessageKey } from "./discord/i18n.js";
import type { ChannelPermission, PostFailure } from "./domain/post-failure.js";

/**
 * A variable of the message: a value to echo, or data the router renders in the reader's
 * language (why a post failed, which permissions are missing), so services stay free of rendering.
 */
export type ErrorVar =
  string | number | { failure: PostFailure } | { permissions: readonly ChannelPermission[] };

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
