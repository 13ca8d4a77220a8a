import type { CommandRegistry } from "./commands.js";
import type { InteractionRegistry } from "./interactions.js";
import type { ChannelRecord, EmulatorState } from "./state.js";
import type { StoredMessage } from "./types.js";

/** What route handlers read and change; the emulator builds it once. */
export interface RouteDeps {
  state: EmulatorState;
  commands: CommandRegistry;
  interactions: InteractionRegistry;
  applicationId: string;
  shards: number;
  /** Shards that may identify at once; discord.js waits 5 s between identify buckets. */
  maxConcurrency: number;
  gatewayUrl: () => string;
  published: (message: StoredMessage, change: "create" | "update" | "delete") => void;
  threadCreated: (thread: ChannelRecord) => void;
}
