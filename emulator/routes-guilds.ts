import { discordErrors } from "./errors.js";
import { apiChannel, apiGuild, apiMember, apiRole, apiUser } from "./payloads.js";
import type { RouteDeps } from "./route-deps.js";
import { route, type Route, type RouteContext } from "./router.js";
import type { ChannelRecord } from "./state.js";

/** Gateway discovery, the bot's identity, guild lookups and command registration. */
export function guildRoutes(deps: RouteDeps): Route[] {
  const { state, commands } = deps;
  const botId = state.bot.id;

  /** A guild the bot is in; Discord answers 10004 for the rest. */
  const botGuild = (ctx: RouteContext) => {
    const guild = state.guild(ctx.params["guildId"] ?? "");
    if (!guild.members.has(botId)) throw discordErrors.unknownGuild();
    return guild;
  };
  const ownApplication = (ctx: RouteContext) => {
    if (ctx.params["applicationId"] !== deps.applicationId) throw discordErrors.missingAccess();
  };

  return [
    route("GET", "/gateway", () => ({ status: 200, body: { url: deps.gatewayUrl() } })),
    route("GET", "/gateway/bot", () => ({
      status: 200,
      body: {
        url: deps.gatewayUrl(),
        shards: deps.shards,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 14_400_000,
          max_concurrency: deps.maxConcurrency,
        },
      },
    })),
    route("GET", "/users/@me", () => ({
      status: 200,
      body: { ...apiUser(state.bot), verified: true, mfa_enabled: false, flags: 0 },
    })),
    route("GET", "/users/:userId", (ctx) => ({
      status: 200,
      body: apiUser(state.user(ctx.params["userId"] ?? "")),
    })),
    route("GET", "/applications/@me", () => ({
      status: 200,
      body: {
        id: deps.applicationId,
        name: state.bot.username,
        icon: null,
        description: "",
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: "0".repeat(64),
        flags: 0,
        bot: apiUser(state.bot),
        approximate_guild_count: state.guilds.size,
      },
    })),
    route("GET", "/guilds/:guildId", (ctx) => ({
      status: 200,
      body: apiGuild(state, botGuild(ctx)),
    })),
    route("GET", "/guilds/:guildId/roles", (ctx) => ({
      status: 200,
      body: [...botGuild(ctx).roles.values()].map(apiRole),
    })),
    route("GET", "/guilds/:guildId/channels", (ctx) => {
      const guild = botGuild(ctx);
      const channels = guild.channelIds
        .map((id) => state.channels.get(id))
        .filter((c): c is ChannelRecord => c !== undefined && !c.deleted && !c.parentId);
      return { status: 200, body: channels.map((c) => apiChannel(state, c)) };
    }),
    route("GET", "/guilds/:guildId/members/:userId", (ctx) => {
      const guild = botGuild(ctx);
      return { status: 200, body: apiMember(state, guild, ctx.params["userId"] ?? "") };
    }),
    route("GET", "/applications/:applicationId/commands", (ctx) => {
      ownApplication(ctx);
      return { status: 200, body: commands.list() };
    }),
    route("PUT", "/applications/:applicationId/commands", (ctx) => {
      ownApplication(ctx);
      return { status: 200, body: commands.bulkOverwrite(undefined, ctx.body) };
    }),
    route("GET", "/applications/:applicationId/guilds/:guildId/commands", (ctx) => {
      ownApplication(ctx);
      return { status: 200, body: commands.list(botGuild(ctx).id) };
    }),
    route("PUT", "/applications/:applicationId/guilds/:guildId/commands", (ctx) => {
      ownApplication(ctx);
      return { status: 200, body: commands.bulkOverwrite(botGuild(ctx).id, ctx.body) };
    }),
  ];
}
