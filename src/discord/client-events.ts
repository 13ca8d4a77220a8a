import {
  Events,
  GatewayDispatchEvents,
  Status,
  type Client,
  type GatewayGuildMemberRemoveDispatchData,
  type Interaction,
} from "discord.js";
import type { Logger } from "../log.js";
import type { ShardHealth } from "./gateway-watch.js";

export type { Client, Interaction };

export type ClientHandlers = {
  interaction(interaction: Interaction): void;
  /** Only with the Server Members intent: Discord says who left. */
  memberLeft?: (guildId: string, userId: string) => void;
  /** The first READY, after it is logged. */
  ready(): void;
};

/** What the composition root hears from the gateway, as plain calls. */
export function listenToClient(client: Client, log: Logger, handlers: ClientHandlers): void {
  client.on(Events.InteractionCreate, (interaction) => handlers.interaction(interaction));
  const { memberLeft } = handlers;
  if (memberLeft) {
    // discord.js emits guildMemberRemove only for cached members, and the bot caches none.
    client.ws.on(
      GatewayDispatchEvents.GuildMemberRemove,
      (data: GatewayGuildMemberRemoveDispatchData) => memberLeft(data.guild_id, data.user.id),
    );
  }
  client.on(Events.Error, (error) => log.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn(message));
  client.once(Events.ClientReady, (ready) => {
    log.info(
      {
        user: ready.user.tag,
        guilds: ready.guilds.cache.size,
        shards: ready.ws.shards.map((s) => s.id),
      },
      "connected to Discord",
    );
    handlers.ready();
  });
}

/** The gateway part of /healthz; `ready` turns true at the first READY and stays so. */
export function gatewayReport(client: Client, live: ShardHealth[]) {
  return {
    ready: client.isReady(),
    report: {
      status: Status[client.ws.status] ?? String(client.ws.status),
      ping: client.ws.ping,
      guilds: client.guilds.cache.size,
      shards: client.ws.shards.map((shard) => shard.id),
      live,
    },
  };
}
