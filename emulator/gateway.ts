import { randomBytes } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import {
  canReplayAfter,
  dispatchTo,
  GatewayConnection,
  opPayload,
  type GatewayPayload,
  type Session,
} from "./gateway-connection.js";
import { disallowedIntents } from "./gateway-content.js";
import { Close, Op, type GatewayContent, type GatewayLogEntry } from "./gateway-protocol.js";
import { shardOf } from "./snowflake.js";

/** The websocket side of Discord: HELLO, IDENTIFY/READY, heartbeats, RESUME, dispatches. */
export class Gateway {
  readonly log: GatewayLogEntry[] = [];
  readonly #wss: WebSocketServer;
  readonly #sessions = new Map<string, Session>();
  readonly #connections = new Set<GatewayConnection>();
  /** During an outage every new connection is dropped as soon as it opens. */
  #down = false;

  constructor(
    server: Server,
    private readonly content: GatewayContent,
    private readonly url: () => string,
    private readonly changed: () => void,
  ) {
    this.#wss = new WebSocketServer({ server });
    this.#wss.on("connection", (ws, req) => this.#accept(ws, req));
  }

  /** Sends an event to the session owning the guild's shard (DMs go to shard 0). */
  dispatch(
    t: string,
    d: unknown,
    target: { guildId?: string | null; intent?: number } = {},
  ): boolean {
    let delivered = false;
    for (const session of this.#sessions.values()) {
      const shard = target.guildId ? shardOf(target.guildId, session.shardCount) : 0;
      if (shard !== session.shardId) continue;
      if (target.intent !== undefined && (session.intents & target.intent) === 0) continue;
      dispatchTo(session, t, d);
      delivered = true;
    }
    return delivered;
  }

  /** True when every shard of the identified shard count has a connected session. */
  allShardsConnected(): boolean {
    const live = [...this.#sessions.values()].filter((s) => s.connection);
    const count = live[0]?.shardCount;
    if (count === undefined) return false;
    return Array.from({ length: count }, (_, id) => id).every((id) =>
      live.some((s) => s.shardId === id),
    );
  }

  identifiedIntents(): number | undefined {
    return [...this.#sessions.values()][0]?.intents;
  }

  /** Drops every websocket as a network outage would; sessions survive unless invalidated. */
  disconnectAll(options: { invalidateSessions?: boolean } = {}): void {
    for (const connection of this.#connections) connection.ws.terminate();
    if (options.invalidateSessions) this.#sessions.clear();
  }

  /** Starts (drops every connection, refuses new ones) or ends a gateway outage. */
  setOutage(down: boolean): void {
    this.#down = down;
    if (down) this.disconnectAll();
  }

  /** Closes every connection with a close code of Discord's (the client sees it as sent). */
  closeAll(code: number, reason: string): void {
    for (const connection of this.#connections) connection.close(code, reason);
  }

  async close(): Promise<void> {
    for (const connection of this.#connections) connection.ws.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #accept(ws: WebSocket, req: IncomingMessage): void {
    const query = Object.fromEntries(new URL(req.url ?? "/", "ws://emulator").searchParams);
    this.#record({ kind: "connect", query });
    if (this.#down) return ws.terminate();
    const connection = new GatewayConnection(ws, query["compress"] ?? null);
    this.#connections.add(connection);
    ws.on("message", (data) => {
      try {
        this.#receive(connection, data);
      } catch {
        connection.close(4000, "Unknown error.");
      }
    });
    ws.on("close", (code) => this.#closed(connection, code));
    ws.on("error", () => ws.terminate());
    if (query["encoding"] && query["encoding"] !== "json") {
      connection.close(Close.DecodeError, "Only encoding=json is emulated");
      return;
    }
    connection.send(opPayload(Op.Hello, { heartbeat_interval: this.content.heartbeatIntervalMs }));
  }

  #receive(connection: GatewayConnection, data: RawData): void {
    let payload: GatewayPayload;
    try {
      payload = JSON.parse(rawText(data)) as GatewayPayload;
    } catch {
      connection.close(Close.DecodeError, "Error while decoding payload.");
      return;
    }
    const d = (payload.d ?? {}) as Record<string, unknown>;
    switch (payload.op) {
      case Op.Heartbeat:
        return connection.send(opPayload(Op.HeartbeatAck));
      case Op.Identify:
        return this.#identify(connection, d);
      case Op.Resume:
        return this.#resume(connection, d);
      case Op.Presence:
      case Op.Voice:
        this.#requireSession(connection);
        return;
      case Op.RequestMembers:
        if (this.#requireSession(connection))
          this.#sendTo(connection, "GUILD_MEMBERS_CHUNK", this.content.memberChunk(d));
        return;
      default:
        connection.close(Close.UnknownOpcode, "Unknown opcode.");
    }
  }

  #identify(connection: GatewayConnection, d: Record<string, unknown>): void {
    if (connection.session)
      return connection.close(Close.AlreadyAuthenticated, "Already authenticated.");
    // 4004 "Authentication failed: The account token sent with your identify payload is
    // incorrect." Discord marks it as not to be reconnected after.
    if (d["token"] !== this.content.token)
      return connection.close(Close.AuthenticationFailed, "Authentication failed.");
    const [shardId, shardCount] = (d["shard"] as [number, number] | undefined) ?? [0, 1];
    if (shardCount < 1 || shardId < 0 || shardId >= shardCount)
      return connection.close(Close.InvalidShard, "Invalid shard.");
    if (typeof d["intents"] !== "number")
      return connection.close(Close.InvalidIntents, "Invalid intent(s).");
    // 4014 "Disallowed intent(s): ... You may have tried to specify an intent that you have not
    // enabled or are not approved for." A privileged intent the application has not switched on.
    if (disallowedIntents(d["intents"], this.content.applicationFlags) !== 0)
      return connection.close(Close.DisallowedIntents, "Disallowed intent(s).");
    for (const [id, old] of this.#sessions) if (old.shardId === shardId) this.#sessions.delete(id);
    const session: Session = {
      id: randomBytes(16).toString("hex"),
      shardId,
      shardCount,
      intents: d["intents"],
      seq: 0,
      events: [],
      connection,
    };
    this.#sessions.set(session.id, session);
    connection.session = session;
    dispatchTo(session, "READY", this.content.readyData(session, this.url()));
    for (const guild of this.content.guildCreates(session))
      dispatchTo(session, "GUILD_CREATE", guild);
    this.#record({ kind: "identify", shardId, intents: session.intents });
  }

  #resume(connection: GatewayConnection, d: Record<string, unknown>): void {
    // RESUME carries the token too; after a reset it is the old one, and Discord closes with 4004.
    if (d["token"] !== this.content.token)
      return connection.close(Close.AuthenticationFailed, "Authentication failed.");
    const session = this.#sessions.get(String(d["session_id"]));
    const after = Number(d["seq"] ?? 0);
    if (!session || !canReplayAfter(session, after)) {
      if (session) this.#sessions.delete(session.id);
      this.#record({ kind: "invalid-session" });
      return connection.send(opPayload(Op.InvalidSession, false));
    }
    if (session.connection && session.connection !== connection) session.connection.ws.terminate();
    session.connection = connection;
    connection.session = session;
    for (const event of session.events) if ((event.s ?? 0) > after) connection.send(event);
    dispatchTo(session, "RESUMED", {});
    this.#record({ kind: "resumed", shardId: session.shardId });
  }

  #requireSession(connection: GatewayConnection): boolean {
    if (connection.session) return true;
    connection.close(Close.NotAuthenticated, "Not authenticated.");
    return false;
  }

  #sendTo(connection: GatewayConnection, t: string, d: unknown): void {
    if (connection.session) dispatchTo(connection.session, t, d);
  }

  #closed(connection: GatewayConnection, code: number): void {
    this.#connections.delete(connection);
    connection.dispose();
    const session = connection.session;
    if (session?.connection === connection) {
      session.connection = null;
      // A clean close ends the session on Discord; anything else leaves it resumable.
      if (code === 1000 || code === 1001) this.#sessions.delete(session.id);
    }
    this.#record({ kind: "close", code, ...(session ? { shardId: session.shardId } : {}) });
  }

  #record(entry: Omit<GatewayLogEntry, "at">): void {
    this.log.push({ ...entry, at: Date.now() });
    this.changed();
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString();
  return data instanceof ArrayBuffer ? Buffer.from(data).toString() : data.toString();
}
