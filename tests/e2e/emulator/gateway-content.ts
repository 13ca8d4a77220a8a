import type { GatewayContent } from "./gateway-protocol.js";
import type { Session } from "./gateway-connection.js";
import { apiMember, apiUser, guildCreatePayload } from "./payloads.js";
import { shardOf } from "./snowflake.js";
import type { EmulatorState, GuildRecord } from "./state.js";

// GATEWAY_GUILD_MEMBERS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED: what an unverified bot has.
const APPLICATION_FLAGS = (1 << 15) | (1 << 19);

/** READY, GUILD_CREATE and member chunks built from the emulator's state. */
export function gatewayContent(
  state: EmulatorState,
  applicationId: string,
  token: () => string,
  heartbeatIntervalMs: number,
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
    readyData: (session, resumeUrl) => ({
      v: 10,
      user: { ...apiUser(state.bot), verified: true, mfa_enabled: false, flags: 0, email: null },
      guilds: guildsOf(session).map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: "normal",
      resume_gateway_url: resumeUrl,
      shard: [session.shardId, session.shardCount],
      application: { id: applicationId, flags: APPLICATION_FLAGS },
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
