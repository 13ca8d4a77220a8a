import type { InteractionRecord } from "./interactions.js";
import type { InteractionCallback, JsonObject, SentMessageBody, StoredMessage } from "./types.js";
import type { Waiter } from "./waiter.js";

/** What a test holds after `emu.interact(...)`: awaits what the bot sends back. */
export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  /** The INTERACTION_CREATE payload as dispatched. */
  readonly payload: JsonObject;
  /** Milliseconds from dispatch to the callback's arrival; undefined until acknowledged. */
  readonly ackMs: number | undefined;
  readonly followUps: readonly SentMessageBody[];
  /** Bodies of PATCH @original, oldest first. */
  readonly edits: readonly SentMessageBody[];
  readonly followUpEdits: ReadonlyArray<{ messageId: string; body: SentMessageBody }>;
  /** The message the reply created (or the component message it updated), as it is now. */
  readonly reply: StoredMessage | undefined;
  callback(timeoutMs?: number): Promise<InteractionCallback>;
  /** The nth follow-up body (0-based). */
  followUp(index?: number, timeoutMs?: number): Promise<SentMessageBody>;
  /** The latest edit of @original, waiting for the first one if none yet. */
  edited(timeoutMs?: number): Promise<SentMessageBody>;
}

export function createHandle(
  record: InteractionRecord,
  waiter: Waiter,
  history: () => string,
): InteractionHandle {
  const waitFor = <T>(what: string, check: () => T | undefined, timeoutMs?: number) =>
    waiter.until(check, () => `${record.label} (${record.id}): ${what}. ${history()}`, timeoutMs);
  return {
    id: record.id,
    token: record.token,
    payload: record.payload,
    get ackMs() {
      return record.ackMs;
    },
    get followUps() {
      return record.followUps;
    },
    get edits() {
      return record.edits;
    },
    get followUpEdits() {
      return record.followUpEdits;
    },
    get reply() {
      return record.original;
    },
    callback: (timeoutMs) =>
      waitFor("the bot sent no interaction callback", () => record.callback, timeoutMs),
    followUp: (index = 0, timeoutMs) =>
      waitFor(
        `the bot sent ${record.followUps.length} follow-up(s), waited for #${index}`,
        () => record.followUps[index],
        timeoutMs,
      ),
    edited: (timeoutMs) =>
      waitFor("the bot never edited the original response", () => record.edits.at(-1), timeoutMs),
  };
}
