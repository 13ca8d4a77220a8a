import type { Session } from "./gateway-connection.js";

// Opcodes and close codes from https://discord.com/developers/docs/topics/opcodes-and-status-codes
export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Presence: 3,
  Voice: 4,
  Resume: 6,
  RequestMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;
export const Close = {
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  /** "Authentication failed: The account token sent with your identify payload is incorrect." */
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  /** "Invalid shard: You sent an invalid shard when identifying." */
  InvalidShard: 4010,
  /** "Sharding required: The session would have handled too many guilds - you are required to shard your connection in order to connect." */
  ShardingRequired: 4011,
  /** "Invalid API version: You sent an invalid version for the gateway." */
  InvalidApiVersion: 4012,
  /** "Invalid intent(s): You sent an invalid intent for a Gateway Intent." */
  InvalidIntents: 4013,
  /**
   * "Disallowed intent(s): You sent a disallowed intent for a Gateway Intent. You may have tried
   * to specify an intent that you have not enabled or are not approved for."
   */
  DisallowedIntents: 4014,
} as const;

/** What the gateway says; the emulator supplies it from its state. */
export interface GatewayContent {
  token: string;
  heartbeatIntervalMs: number;
  /** The application's flags: which privileged intents the Developer Portal has switched on. */
  applicationFlags: number;
  readyData: (session: Session, resumeUrl: string) => Record<string, unknown>;
  guildCreates: (session: Session) => unknown[];
  memberChunk: (request: Record<string, unknown>) => unknown;
}

/** What the emulator saw on the gateway, for tests about reconnects. */
export interface GatewayLogEntry {
  kind: "connect" | "identify" | "resumed" | "invalid-session" | "close";
  at: number;
  shardId?: number;
  /** The intents an IDENTIFY asked for. */
  intents?: number;
  code?: number;
  query?: Record<string, string>;
}
