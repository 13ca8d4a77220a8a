import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { Broadcast } from "./broadcast.js";
import { EmulatorClock } from "./clock.js";
import { CommandRegistry, type StoredCommand } from "./commands.js";
import { FaultInjector } from "./faults.js";
import { Gateway } from "./gateway.js";
import type { GatewayLogEntry } from "./gateway-protocol.js";
import { DEFAULT_APPLICATION_FLAGS, gatewayContent } from "./gateway-content.js";
import { addGuild, addMember, toOverwrite } from "./guild-builder.js";
import { addUser } from "./users.js";
import { dispatchInteraction, type InteractDeps } from "./interaction-dispatch.js";
import type { InteractionHandle } from "./interaction-handle.js";
import { InteractionRegistry } from "./interactions.js";
import { GlobalRateLimiter } from "./rate-limit.js";
import type { RouteDeps } from "./route-deps.js";
import { channelRoutes } from "./routes-channels.js";
import { guildRoutes } from "./routes-guilds.js";
import { interactionRoutes } from "./routes-interactions.js";
import { handleRequest, type PipelineDeps } from "./server.js";
import { nextSnowflake } from "./snowflake.js";
import { SpecValidator } from "./spec-validator.js";
import { apiChannel } from "./payloads.js";
import { EmulatorState, type ChannelRecord } from "./state.js";
import type {
  AddGuildOptions,
  AddMemberOptions,
  CdnFile,
  ClientEvent,
  DelayRule,
  EmulatorOptions,
  FailNextRule,
  ForcedError,
  GuildHandle,
  InteractOptions,
  MemberHandle,
  OverwriteInput,
  RequestRecord,
  RouteRecord,
  SpecViolation,
  StoredMessage,
  UserHandle,
} from "./types.js";
import { Waiter } from "./waiter.js";

/** A local Discord (REST + gateway) that the real discord.js client logs in to. */
export class Emulator {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly applicationId = nextSnowflake();
  #token = botToken(this.applicationId);
  readonly requests: RequestRecord[] = [];
  readonly unknownRoutes: RouteRecord[] = [];
  readonly specViolations: SpecViolation[] = [];
  readonly #state: EmulatorState;
  readonly #commands = new CommandRegistry(this.applicationId);
  readonly #faults = new FaultInjector();
  readonly #gateway: Gateway;
  readonly #broadcast: Broadcast;
  readonly #limiter: GlobalRateLimiter;
  readonly #waiter: Waiter;
  readonly #interact: InteractDeps;
  readonly #clock = new EmulatorClock();
  readonly #clients = new Set<(event: ClientEvent) => void>();

  constructor(
    private readonly server: Server,
    port: number,
    options: EmulatorOptions,
  ) {
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    const botUser = { id: this.applicationId, username: options.botUsername ?? "Daily Drill" };
    this.#state = new EmulatorState({ ...botUser, globalName: null, bot: true, locale: "en-US" });
    this.#waiter = new Waiter(options.waitTimeoutMs ?? 5000);
    this.#limiter = new GlobalRateLimiter(options.globalRateLimit ?? null);
    const heartbeat = options.heartbeatIntervalMs ?? 41_250;
    const content = gatewayContent(
      this.#state,
      this.applicationId,
      () => this.#token,
      heartbeat,
      options.applicationFlags ?? DEFAULT_APPLICATION_FLAGS,
    );
    const notify = () => this.#waiter.notify();
    this.#gateway = new Gateway(server, content, () => this.gatewayUrl, notify);
    this.#broadcast = new Broadcast(this.#state, this.#gateway, (event) => {
      for (const listener of this.#clients) listener(event);
    });
    const interactions = new InteractionRegistry({
      state: this.#state,
      applicationId: this.applicationId,
      deadlineMs: options.interactionAckDeadlineMs ?? 3000,
      now: () => this.#clock.now(),
      published: (message, change) => this.#broadcast.message(message, change),
    });
    this.#interact = {
      state: this.#state,
      applicationId: this.applicationId,
      commands: this.#commands,
      interactions,
      gateway: this.#gateway,
      waiter: this.#waiter,
      requests: this.requests,
      fakeCommandIds: new Map(),
      now: () => this.#clock.now(),
    };
    const pipeline = this.#pipeline(options, interactions, notify);
    server.on("request", (req, res) => {
      handleRequest(req, res, pipeline).catch((error: unknown) => {
        console.error("[discord emulator] request failed", error);
        res.destroy();
      });
    });
  }

  /** The bot's current token; `resetToken()` replaces it. */
  get token(): string {
    return this.#token;
  }

  /**
   * The Developer Portal's Reset Token: the old token stops working at once. Live gateway
   * connections drop; the client's RESUME (or IDENTIFY) with the old token is closed with 4004
   * and every REST request carrying it is answered 401.
   */
  resetToken(options: { keepGateway?: boolean } = {}): string {
    this.#token = botToken(this.applicationId);
    // keepGateway: REST sees the reset first (a request before the gateway connection drops).
    if (!options.keepGateway) this.#gateway.disconnectAll();
    return this.#token;
  }

  /** A gateway outage: connections drop and new ones are refused until `down` is false. */
  gatewayOutage(down: boolean): void {
    this.#gateway.setOutage(down);
  }

  /** Closes every gateway connection with `code`, as Discord does for 4010-4014. */
  closeGateway(code: number, reason: string): void {
    this.#gateway.closeAll(code, reason);
  }

  /**
   * Moves the emulator's clock forward: REST arrival times and interaction deadlines (the 3 s
   * callback, the token's 15 minutes) are measured on it, so a test can let them pass at once.
   */
  advanceClock(ms: number): void {
    this.#clock.advance(ms);
  }

  /** The emulator's clock: the wall clock plus every `advanceClock`. */
  now(): number {
    return this.#clock.now();
  }

  /**
   * Calls `listener` with what members' Discord clients are shown from now on: messages created,
   * edited and deleted (ephemeral ones too) and channel events. Returns the unsubscribe.
   */
  watch(listener: (event: ClientEvent) => void): () => void {
    this.#clients.add(listener);
    return () => this.#clients.delete(listener);
  }

  /** An uploaded file by its attachment id, as Discord's CDN serves it at the attachment's url. */
  attachment(id: string): CdnFile | undefined {
    return this.#state.cdn.get(id);
  }

  /** The guild's live channels and threads, as Discord's channel objects. */
  channelsOf(
    guildId: string,
  ): Array<{ id: string; name: string; type: number; parent_id: string | null }> {
    return this.#state
      .guild(guildId)
      .channelIds.map((id) => this.#state.channels.get(id))
      .filter((channel): channel is ChannelRecord => channel !== undefined && !channel.deleted)
      .map((channel) => ({
        ...apiChannel(this.#state, channel),
        id: channel.id,
        name: channel.name,
        type: channel.type,
        parent_id: channel.parentId,
      }));
  }

  /** The member's permissions in the channel (overwrites applied; threads take the parent's). */
  permissionsOf(channelId: string, userId: string): bigint {
    return this.#state.permissionsIn(this.#channel(channelId), userId);
  }

  get botUserId(): string {
    return this.#state.bot.id;
  }

  get globalRateLimitHits(): number {
    return this.#limiter.hits;
  }

  /** Connects, identifies, resumes, invalid sessions and closes, in order. */
  get gatewayLog(): readonly GatewayLogEntry[] {
    return this.#gateway.log;
  }

  /** Adds a guild the bot is in; after login the bot gets its GUILD_CREATE (it just joined). */
  addGuild(options: AddGuildOptions = {}): GuildHandle {
    const handle = addGuild(this.#state, options);
    this.#broadcast.guildJoined(handle.id);
    return handle;
  }

  addMember(guildId: string, options: AddMemberOptions): MemberHandle {
    const member = addMember(this.#state, guildId, options);
    this.#broadcast.memberAdded(guildId, member.id);
    return member;
  }

  /** The member leaves the guild (or is kicked): REST answers 10007 Unknown Member from now on. */
  removeMember(guildId: string, userId: string): void {
    const guild = this.#state.guild(guildId);
    if (!guild.members.delete(userId)) throw new Error(`${userId} is not a member of ${guildId}`);
    this.#broadcast.memberRemoved(guildId, this.#state.user(userId));
  }

  /** A user who shares no guild with the bot, e.g. for DM interactions. */
  addUser(options: { username: string; locale?: string }): UserHandle {
    const user = addUser(this.#state, options);
    return { id: user.id, username: user.username, locale: user.locale };
  }

  /** Sends an interaction to the bot over the gateway; the handle awaits the bot's answers. */
  interact(options: InteractOptions): InteractionHandle {
    return dispatchInteraction(this.#interact, options);
  }

  /** Resolves once a client has identified on every shard and was sent READY + GUILD_CREATEs. */
  async waitForIdentify(options: { timeoutMs?: number } = {}): Promise<void> {
    await this.#waiter.until(
      () => (this.#gateway.allShardsConnected() ? true : undefined),
      () => `no client identified on every shard; gateway log ${JSON.stringify(this.gatewayLog)}`,
      options.timeoutMs,
    );
  }

  /** Resolves with the channel's messages once it holds at least `count`. */
  waitForMessages(channelId: string, count = 1, timeoutMs?: number): Promise<StoredMessage[]> {
    const messages = () => this.messages(channelId);
    return this.#waiter.until(
      () => (messages().length >= count ? messages() : undefined),
      () => `channel ${channelId} has ${messages().length} message(s), waited for ${count}`,
      timeoutMs,
    );
  }

  /** Messages visible in a channel, oldest first (ephemeral replies are not among them). */
  messages(channelId: string): StoredMessage[] {
    return [...(this.#state.messages.get(channelId) ?? [])];
  }

  registeredCommands(options: { guildId?: string } = {}): StoredCommand[] {
    return [...this.#commands.list(options.guildId)];
  }

  /** Replaces a channel's permission overwrites and tells the client (CHANNEL_UPDATE). */
  setChannelPermissions(channelId: string, overwrites: OverwriteInput[]): void {
    const channel = this.#channel(channelId);
    channel.overwrites = overwrites.map(toOverwrite);
    this.#broadcast.channel("CHANNEL_UPDATE", channel);
  }

  /** From now on REST answers 10003 Unknown Channel; `notify: false` keeps the client unaware. */
  deleteChannel(channelId: string, options: { notify?: boolean } = {}): void {
    const channel = this.#channel(channelId);
    if (options.notify !== false) this.#broadcast.channel("CHANNEL_DELETE", channel);
    channel.deleted = true;
  }

  /** Every REST request on this channel fails with this error until cleared with null. */
  forceChannelError(channelId: string, error: ForcedError | null): void {
    this.#channel(channelId).forcedError = error;
  }

  /** The next `times` (default 1) requests matching method and path get this error. */
  failNext(rule: FailNextRule): void {
    this.#faults.failNext(rule);
  }

  /** The next `times` (default 1) requests matching method and path are answered `ms` late. */
  delayNext(rule: DelayRule): void {
    this.#faults.delayNext(rule);
  }

  setGlobalRateLimit(perSecond: number | null): void {
    this.#limiter.setLimit(perSecond);
  }

  /** Drops every gateway connection, as an outage would; clients then RESUME (or re-IDENTIFY). */
  disconnectAll(options: { invalidateSessions?: boolean } = {}): void {
    this.#gateway.disconnectAll(options);
  }

  /** Stop the client first (client.destroy()), or it keeps reconnecting to a closed port. */
  async close(): Promise<void> {
    this.#waiter.close();
    await this.#gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #channel(channelId: string): ChannelRecord {
    const channel = this.#state.channels.get(channelId);
    if (!channel) throw new Error(`unknown channel ${channelId}`);
    return channel;
  }

  #pipeline(
    options: EmulatorOptions,
    interactions: InteractionRegistry,
    notify: () => void,
  ): PipelineDeps {
    const deps: RouteDeps = {
      state: this.#state,
      commands: this.#commands,
      interactions,
      applicationId: this.applicationId,
      shards: options.shards ?? 1,
      maxConcurrency: options.maxConcurrency ?? options.shards ?? 1,
      gatewayUrl: () => this.gatewayUrl,
      published: (message, change) => this.#broadcast.message(message, change),
      threadCreated: (thread) =>
        this.#broadcast.channel("THREAD_CREATE", thread, { newly_created: true }),
    };
    return {
      token: () => this.#token,
      routes: [...interactionRoutes(deps), ...channelRoutes(deps), ...guildRoutes(deps)],
      validator: options.specPath ? SpecValidator.for(options.specPath) : undefined,
      faults: this.#faults,
      limiter: this.#limiter,
      requests: this.requests,
      unknownRoutes: this.unknownRoutes,
      specViolations: this.specViolations,
      changed: notify,
      now: () => this.#clock.now(),
    };
  }
}

/** Shaped like a real token: base64 of the bot id, then two random parts. */
function botToken(applicationId: string): string {
  return [
    Buffer.from(applicationId).toString("base64url"),
    randomBytes(4).toString("base64url"),
    randomBytes(28).toString("base64url"),
  ].join(".");
}
