/** An error answered to the bot as Discord's JSON error body. Route handlers throw it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }

  get body(): { message: string; code: number } {
    return { message: this.message, code: this.code };
  }
}

// Codes and texts as Discord sends them, so the bot's error mapping is exercised for real.
export const discordErrors = {
  unauthorized: () => new ApiError(401, 0, "401: Unauthorized"),
  notFound: () => new ApiError(404, 0, "404: Not Found"),
  methodNotAllowed: () => new ApiError(405, 0, "405: Method Not Allowed"),
  unknownChannel: () => new ApiError(404, 10003, "Unknown Channel"),
  unknownGuild: () => new ApiError(404, 10004, "Unknown Guild"),
  unknownMember: () => new ApiError(404, 10007, "Unknown Member"),
  unknownMessage: () => new ApiError(404, 10008, "Unknown Message"),
  unknownUser: () => new ApiError(404, 10013, "Unknown User"),
  unknownWebhook: () => new ApiError(404, 10015, "Unknown Webhook"),
  unknownInteraction: () => new ApiError(404, 10062, "Unknown interaction"),
  invalidWebhookToken: () => new ApiError(401, 50027, "Invalid Webhook Token"),
  missingAccess: () => new ApiError(403, 50001, "Missing Access"),
  cannotEditOthers: () =>
    new ApiError(403, 50005, "Cannot edit a message authored by another user"),
  emptyMessage: () => new ApiError(400, 50006, "Cannot send an empty message"),
  missingPermissions: () => new ApiError(403, 50013, "Missing Permissions"),
  invalidFormBody: (detail: string) => new ApiError(400, 50035, `Invalid Form Body (${detail})`),
  alreadyAcknowledged: () => new ApiError(400, 40060, "Interaction has already been acknowledged"),
  threadAlreadyCreated: () =>
    new ApiError(400, 160004, "A thread has already been created for this message"),
} as const;

/** Default message for an injected failure that names only a status and code. */
export function injectedError(status: number, code = 0, message?: string): ApiError {
  return new ApiError(status, code, message ?? `${status}: injected by emulator`);
}
