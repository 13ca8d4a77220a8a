import { Events, RESTEvents, Status, type Client } from "discord.js";

const RESET_TOKEN =
  "put the bot's current token (Developer Portal -> your app -> Bot -> Reset Token) in DISCORD_TOKEN and restart";

/**
 * Gateway close codes Discord documents as not to reconnect after, and what the operator does
 * about each. discord.js stops reconnecting on them; the process must not stay up looking alive.
 */
export const FATAL_CLOSE_CODES: Readonly<Record<number, string>> = {
  4004: `Discord closed the gateway with 4004 (Authentication failed): the token was reset or is wrong; ${RESET_TOKEN}`,
  4010: "Discord closed the gateway with 4010 (Invalid shard): set SHARDS to auto (or a count Discord accepts) and restart",
  4011: "Discord closed the gateway with 4011 (Sharding required): the bot is in too many servers for one connection; set SHARDS=auto and restart",
  4012: "Discord closed the gateway with 4012 (Invalid API version): update discord.js and redeploy",
  4013: "Discord closed the gateway with 4013 (Invalid intent(s)): this version of Daily Drill asks for an intent Discord does not know; report it as a bug",
  4014: "Discord closed the gateway with 4014 (Disallowed intent(s)): enable the Server Members intent in the Developer Portal (your app -> Bot -> Privileged Gateway Intents), or set MEMBERS_INTENT=false, and restart",
};

export const UNAUTHORIZED = `Discord answered 401 Unauthorized to the bot token: it was reset or revoked; ${RESET_TOKEN}`;

/**
 * The exit code of a problem only the operator can fix (sysexits' EX_CONFIG). A supervisor
 * restarts and an operator sees it; the sharding manager does not respawn a shard that exits
 * with it, and exits with it too.
 */
export const FATAL_EXIT_CODE = 78;

/** A shard not ready for longer than this (reconnecting, resuming) makes /healthz answer 503. */
export const DEFAULT_RECONNECT_GRACE_MS = 15_000;

export type ShardHealth = { id: number; status: string; ok: boolean; downMs?: number };

export type GatewayWatch = {
  /** The fatal problem, once one happened. */
  fatal(): string | undefined;
  /** Each shard's live state; a disconnected one, or one reconnecting past the grace, is not ok. */
  shards(): ShardHealth[];
};

/**
 * Watches the client for what no reconnect can fix (a fatal close code, a 401 on a request
 * carrying the bot token) and for shards that are down, for /healthz.
 */
export function watchGateway(
  client: Client,
  onFatal: (reason: string, context: Record<string, unknown>) => void,
  options: { graceMs?: number; now?: () => number } = {},
): GatewayWatch {
  const graceMs = options.graceMs ?? DEFAULT_RECONNECT_GRACE_MS;
  const now = options.now ?? Date.now;
  const startedAt = now();
  const downSince = new Map<number, number>();
  let fatalReason: string | undefined;
  const fatal = (reason: string, context: Record<string, unknown>) => {
    if (fatalReason) return;
    fatalReason = reason;
    onFatal(reason, context);
  };

  client.on(Events.ShardDisconnect, (event, shardId) => {
    downSince.set(shardId, downSince.get(shardId) ?? now());
    const reason = FATAL_CLOSE_CODES[event.code];
    if (reason) fatal(reason, { shard: shardId, closeCode: event.code });
  });
  client.on(Events.ShardReconnecting, (shardId) => {
    if (!downSince.has(shardId)) downSince.set(shardId, now());
  });
  client.on(Events.ShardReady, (shardId) => downSince.delete(shardId));
  client.on(Events.ShardResume, (shardId) => downSince.delete(shardId));
  // Interaction callbacks and webhooks carry their own token (auth: false); a 401 there is theirs.
  // Before the first READY a 401 fails the login itself, which main.ts reports as a start-up error.
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status === 401 && request.data.auth !== false && client.isReady())
      fatal(UNAUTHORIZED, { method: request.method, route: request.path });
  });

  return {
    fatal: () => fatalReason,
    shards: () =>
      client.ws.shards.map((shard) => {
        const status = Status[shard.status] ?? String(shard.status);
        if (shard.status === Status.Ready) {
          downSince.delete(shard.id);
          return { id: shard.id, status, ok: true };
        }
        const downMs = now() - (downSince.get(shard.id) ?? startedAt);
        const ok = shard.status !== Status.Disconnected && downMs < graceMs;
        return { id: shard.id, status, ok, downMs };
      }),
  };
}
