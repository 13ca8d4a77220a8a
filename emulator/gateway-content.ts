import type { GatewayContent } from "./gateway-protocol.js";
import type { Session } from "./gateway-connection.js";
import { apiMember, apiUser, guildCreatePayload } from "./payloads.js";
import { shardOf } from "./snowflake.js";
import type { EmulatorState, GuildRecord } from "./state.js";

/** Application flags (https://discord.com/developers/docs/resources/application#application-object-application-flags). */
export const ApplicationFlag = {
  GatewayPresence: 1 << 12,
  GatewayPresenceLimited: 1 << 13,
  GatewayGuildMembers: 1 << 14,
  GatewayGuildMembersLimited: 1 << 15,
  GatewayMessageContent: 1 << 18,
  GatewayMessageContentLimited: 1 << 19,
} as const;

/**
 * What an unverified bot with the Server Members and Message Content intents switched on in the
 * Developer Portal has: GATEWAY_GUILD_MEMBERS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED.
 */
export const DEFAULT_APPLICATION_FLAGS =
  ApplicationFlag.GatewayGuildMembersLimited | ApplicationFlag.GatewayMessageContentLimited;

/**
 * Each privileged intent and the application flags that enable it (the verified flag or the
 * "_LIMITED" one of a bot in under 100 servers). "Privileged intents ... must be enabled in
 * your app's settings within the Developer Portal before being passed in your identify payload."
 */
const PRIVILEGED_INTENTS: ReadonlyArray<{ intent: number; enabledBy: number }> = [
  {
    intent: 1 << 1, // GUILD_MEMBERS
    enabledBy: ApplicationFlag.GatewayGuildMembers | ApplicationFlag.GatewayGuildMembersLimited,
  },
  {
    intent: 1 << 8, // GUILD_PRESENCES
    enabledBy: ApplicationFlag.GatewayPresence | ApplicationFlag.GatewayPresenceLimited,
  },
  {
    intent: 1 << 15, // MESSAGE_CONTENT
    enabledBy: ApplicationFlag.GatewayMessageContent | ApplicationFlag.GatewayMessageContentLimited,
  },
];

/** The privileged intents among `intents` that `applicationFlags` does not enable (0 if none). */
export function disallowedIntents(intents: number, applicationFlags: number): number {
  return PRIVILEGED_INTENTS.filter(
    (p) => (intents & p.intent) !== 0 && (applicationFlags & p.enabledBy) === 0,
  ).reduce((bits, p) => bits | p.intent, 0);
}

/** READY, GUILD_CREATE and member chunks built from the emulator's state. */
export function gatewayContent(
  state: EmulatorState,
  applicationId: string,
  token: () => string,
  heartbeatIntervalMs: number,
  applicationFlags: number,
): GatewayContent {
  const guildsOf = (session: Session): GuildRecord[] =>
    [...state.guilds.values()].filter(
      (g) => g.members.has(state.bot.id) && shardOf(g.id, session.shardCount) === session.shardId,
    );
  return {
    get token() {
      return token();
    },
    heartbeatIntervalMs,
    applicationFlags,
    readyData: (session, resumeUrl) => ({
      v: 10,
      user: { ...apiUser(state.bot), verified: true, mfa_enabled: false, flags: 0, email: null },
      guilds: guildsOf(session).map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: "normal",
      resume_gateway_url: resumeUrl,
      shard: [session.shardId, session.shardCount],
      application: { id: applicationId, flags: applicationFlags },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      auth: {},
    }),
    guildCreates: (session) => guildsOf(session).map((g) => guildCreatePayload(state, g)),
    memberChunk: (request) => {
      const guild = state.guild(String(request["guild_id"]));
      const wanted = request["user_ids"];
      const ids = [...guild.members.keys()].filter((id) =>
        Array.isArray(wanted) ? wanted.includes(id) : true,
      );
      return {
        guild_id: guild.id,
        members: ids.map((id) => apiMember(state, guild, id)),
        chunk_index: 0,
        chunk_count: 1,
        not_found: [],
        ...(request["nonce"] ? { nonce: request["nonce"] } : {}),
      };
    },
  };
}
