import type { Gateway } from "./gateway.js";
import { EPHEMERAL } from "./messages.js";
import { apiChannel, apiMember, apiUser, guildCreatePayload } from "./payloads.js";
import type { ChannelRecord, EmulatorState, UserRecord } from "./state.js";
import type { ClientEvent, StoredMessage } from "./types.js";

const Intent = { Guilds: 1, GuildMembers: 1 << 1, GuildMessages: 1 << 9, DirectMessages: 1 << 12 };

export type MessageChange = "create" | "update" | "delete";

/** Turns state changes into what Discord would dispatch to the bot (respecting its intents). */
export class Broadcast {
  constructor(
    private readonly state: EmulatorState,
    private readonly gateway: Gateway,
    /** Members' clients: they see every change, ephemeral messages included. */
    private readonly clients: (event: ClientEvent) => void,
  ) {}

  message(message: StoredMessage, change: MessageChange): void {
    this.#toBot(message, change);
    this.clients({ kind: "message", change, message });
  }

  /** Keeps the channel's visible history and tells the bot; ephemeral messages stay private. */
  #toBot(message: StoredMessage, change: MessageChange): void {
    const list = this.state.channelMessages(message.channel_id);
    const guildId = message.guild_id ?? null;
    const target = { guildId, intent: guildId ? Intent.GuildMessages : Intent.DirectMessages };
    if (change === "create") {
      if ((message.flags & EPHEMERAL) !== 0) {
        this.state.ephemeral.set(message.id, message);
        return;
      }
      list.push(message);
      this.gateway.dispatch("MESSAGE_CREATE", message, target);
      return;
    }
    const index = list.indexOf(message);
    if (index === -1) return;
    if (change === "update") {
      this.gateway.dispatch("MESSAGE_UPDATE", message, target);
      return;
    }
    list.splice(index, 1);
    const deleted = {
      id: message.id,
      channel_id: message.channel_id,
      guild_id: guildId ?? undefined,
    };
    this.gateway.dispatch("MESSAGE_DELETE", deleted, target);
  }

  channel(event: string, channel: ChannelRecord, extra: Record<string, unknown> = {}): void {
    if (!channel.guildId) return;
    const payload = { ...apiChannel(this.state, channel), ...extra };
    this.gateway.dispatch(event, payload, { guildId: channel.guildId, intent: Intent.Guilds });
    this.clients({ kind: "channel", event, channel: payload });
  }

  /** A guild added after login is one the bot just joined. */
  guildJoined(guildId: string): void {
    const payload = guildCreatePayload(this.state, this.state.guild(guildId));
    this.gateway.dispatch("GUILD_CREATE", payload, { guildId, intent: Intent.Guilds });
  }

  memberAdded(guildId: string, userId: string): void {
    const member = apiMember(this.state, this.state.guild(guildId), userId);
    const payload = { ...member, guild_id: guildId };
    this.gateway.dispatch("GUILD_MEMBER_ADD", payload, { guildId, intent: Intent.GuildMembers });
  }

  /**
   * Discord's gateway docs list GUILD_MEMBER_REMOVE under "GUILD_MEMBERS (1 << 1)" and say "If you
   * do not specify a certain intent, you will not receive any of the gateway events that are
   * batched into that group": a bot that identified with Guilds alone hears nothing.
   */
  memberRemoved(guildId: string, user: UserRecord): void {
    const payload = { guild_id: guildId, user: apiUser(user) };
    this.gateway.dispatch("GUILD_MEMBER_REMOVE", payload, { guildId, intent: Intent.GuildMembers });
  }
}
