import { discordErrors } from "./errors.js";
import type { InteractionRecord } from "./interactions.js";
import { checkMessageBody, EPHEMERAL, LOADING } from "./messages.js";
import type { FileMeta, InteractionCallback, JsonObject, StoredMessage } from "./types.js";

// Which responses Discord accepts for each interaction type
// (2 command, 3 component, 4 autocomplete, 5 modal submit).
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  2: [4, 5, 9, 10, 12],
  3: [4, 5, 6, 7, 9, 10, 12],
  4: [8],
  5: [4, 5, 6, 7, 10, 12],
};

/** Rejects, as Discord does, a callback whose type or data cannot answer this interaction. */
export function checkCallback(
  record: InteractionRecord,
  callback: InteractionCallback,
  files: FileMeta[],
): void {
  const { type } = callback;
  const data = callback.data ?? {};
  if (!ALLOWED_CALLBACKS[record.type]?.includes(type)) {
    const detail = `callback type ${type} is not valid for interaction type ${record.type}`;
    throw discordErrors.invalidFormBody(`type: ${detail}`);
  }
  if (type === 4) checkMessageBody(data, files, false);
  if (type === 7 && !record.sourceMessage) {
    throw discordErrors.invalidFormBody("type: interaction has no message to update");
  }
  if (type === 8 && (!Array.isArray(data.choices) || data.choices.length > 25)) {
    throw discordErrors.invalidFormBody("data.choices: 0 to 25 choices required");
  }
  if (type === 8) checkChoices(data.choices as JsonObject[]);
  const isModal =
    typeof data.custom_id === "string" &&
    typeof data.title === "string" &&
    Array.isArray(data.components);
  if (type === 9 && !isModal) {
    throw discordErrors.invalidFormBody("data: a modal needs custom_id, title and components");
  }
}

/** The body of a `?with_response=true` callback: the interaction and what the reply became. */
export function callbackResponse(
  record: InteractionRecord,
  type: number,
  message: StoredMessage | undefined,
): JsonObject {
  const interaction = {
    id: record.id,
    type: record.type,
    ...(message
      ? {
          response_message_id: message.id,
          response_message_loading: (message.flags & LOADING) !== 0,
          response_message_ephemeral: (message.flags & EPHEMERAL) !== 0,
        }
      : {}),
  };
  return [4, 5, 7].includes(type) && message
    ? { interaction, resource: { type, message } }
    : { interaction };
}

/**
 * Application command option choice docs: "name: 1-100 character choice name", "value: Value for
 * the choice, up to 100 characters if string".
 */
function checkChoices(choices: JsonObject[]): void {
  choices.forEach((choice, i) => {
    const name = choice["name"];
    const value = choice["value"];
    if (typeof name !== "string" || name.length < 1 || name.length > 100)
      throw discordErrors.invalidFormBody(
        `data.choices.${i}.name: Must be between 1 and 100 in length.`,
      );
    if (typeof value === "string" && value.length > 100)
      throw discordErrors.invalidFormBody(
        `data.choices.${i}.value: Must be 100 or fewer in length.`,
      );
  });
}
