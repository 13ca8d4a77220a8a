import { discordErrors } from "./errors.js";
import {
  checkMessageBody,
  createMessage,
  editMessage,
  EPHEMERAL,
  findByNonce,
} from "./messages.js";
import { apiChannel } from "./payloads.js";
import { Permission } from "./permissions.js";
import type { RouteDeps } from "./route-deps.js";
import { route, type Route, type RouteContext } from "./router.js";
import type { ChannelRecord } from "./state.js";
import type { SentMessageBody } from "./types.js";

export function channelRoutes(deps: RouteDeps): Route[] {
  const { state } = deps;
  const botId = state.bot.id;

  /** The channel if the bot can see it; Discord answers 50001 for channels it cannot view. */
  const visibleChannel = (ctx: RouteContext): ChannelRecord => {
    const channel = state.channel(ctx.params["channelId"] ?? "");
    if (!has(state.permissionsIn(channel, botId), Permission.ViewChannel))
      throw discordErrors.missingAccess();
    return channel;
  };
  const can = (channel: ChannelRecord, permission: bigint) =>
    has(state.permissionsIn(channel, botId), permission);

  return [
    route("GET", "/channels/:channelId", (ctx) => ({
      status: 200,
      body: apiChannel(state, visibleChannel(ctx)),
    })),

    route("GET", "/channels/:channelId/messages", (ctx) => {
      const channel = visibleChannel(ctx);
      if (!can(channel, Permission.ReadMessageHistory)) return { status: 200, body: [] };
      const limit = Math.min(Number(ctx.query.get("limit") ?? 50), 100);
      const before = ctx.query.get("before");
      const after = ctx.query.get("after");
      const newestFirst = [...state.channelMessages(channel.id)]
        .reverse()
        .filter(
          (m) =>
            (!before || BigInt(m.id) < BigInt(before)) && (!after || BigInt(m.id) > BigInt(after)),
        );
      return { status: 200, body: newestFirst.slice(0, limit) };
    }),

    route("POST", "/channels/:channelId/messages", (ctx) => {
      const channel = visibleChannel(ctx);
      const sendPermission = channel.parentId
        ? Permission.SendMessagesInThreads
        : Permission.SendMessages;
      if (!can(channel, sendPermission)) throw discordErrors.missingPermissions();
      if (ctx.files.length > 0 && !can(channel, Permission.AttachFiles))
        throw discordErrors.missingPermissions();
      const body = (ctx.body ?? {}) as SentMessageBody;
      const existing = findByNonce(state, botId, body, ctx.arrivedAt);
      if (existing) return { status: 200, body: existing };
      checkMessageBody(body, ctx.files, false);
      // Channel messages cannot be ephemeral; Discord ignores the flag.
      const message = createMessage(
        state,
        channel,
        { ...body, flags: (body.flags ?? 0) & ~EPHEMERAL },
        ctx.files,
        { at: ctx.arrivedAt },
      );
      deps.published(message, "create");
      return { status: 200, body: message };
    }),

    route("GET", "/channels/:channelId/messages/:messageId", (ctx) => {
      const channel = visibleChannel(ctx);
      if (!can(channel, Permission.ReadMessageHistory)) throw discordErrors.missingAccess();
      return { status: 200, body: state.findMessage(channel.id, ctx.params["messageId"] ?? "") };
    }),

    route("PATCH", "/channels/:channelId/messages/:messageId", (ctx) => {
      const channel = visibleChannel(ctx);
      const message = state.findMessage(channel.id, ctx.params["messageId"] ?? "");
      const body = (ctx.body ?? {}) as SentMessageBody;
      if (message.author.id !== botId && Object.keys(body).some((key) => key !== "flags"))
        throw discordErrors.cannotEditOthers();
      editMessage(message, body, ctx.files, { at: ctx.arrivedAt, cdn: state.cdn });
      deps.published(message, "update");
      return { status: 200, body: message };
    }),

    route("DELETE", "/channels/:channelId/messages/:messageId", (ctx) => {
      const channel = visibleChannel(ctx);
      const message = state.findMessage(channel.id, ctx.params["messageId"] ?? "");
      if (message.author.id !== botId && !can(channel, Permission.ManageMessages))
        throw discordErrors.missingPermissions();
      deps.published(message, "delete");
      return { status: 204 };
    }),

    route("POST", "/channels/:channelId/messages/:messageId/threads", (ctx) => {
      const channel = visibleChannel(ctx);
      const message = state.findMessage(channel.id, ctx.params["messageId"] ?? "");
      if (channel.parentId || !channel.guildId)
        throw discordErrors.invalidFormBody("channel: threads cannot be started here");
      if (!can(channel, Permission.CreatePublicThreads)) throw discordErrors.missingPermissions();
      if (state.channels.has(message.id)) throw discordErrors.threadAlreadyCreated();
      const name = (ctx.body as { name?: unknown } | undefined)?.name;
      if (typeof name !== "string" || name.length < 1 || name.length > 100)
        throw discordErrors.invalidFormBody("name: 1 to 100 characters required");
      const thread = startThread(deps, channel, message.id, name);
      message.thread = apiChannel(state, thread);
      return { status: 201, body: apiChannel(state, thread) };
    }),
  ];
}

// A thread started from a message takes the message's id, as on Discord.
function startThread(
  deps: RouteDeps,
  parent: ChannelRecord,
  id: string,
  name: string,
): ChannelRecord {
  const thread: ChannelRecord = {
    id,
    guildId: parent.guildId,
    type: parent.type === 5 ? 10 : 11,
    name,
    position: 0,
    parentId: parent.id,
    overwrites: [],
    deleted: false,
    forcedError: null,
  };
  deps.state.channels.set(id, thread);
  deps.state.guild(parent.guildId ?? "").channelIds.push(id);
  deps.threadCreated(thread);
  return thread;
}

function has(bits: bigint, permission: bigint): boolean {
  return (bits & permission) === permission;
}
