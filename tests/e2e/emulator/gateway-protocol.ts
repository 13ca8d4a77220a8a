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
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidShard: 4010,
  InvalidIntents: 4013,
} as const;

/** What the gateway says; the emulator supplies it from its state. */
export interface GatewayContent {
  token: string;
  heartbeatIntervalMs: number;
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
