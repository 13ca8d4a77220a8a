import type { InteractionContext } from "./interaction-payloads.js";
import { apiChannel, apiInteractionMember, apiRole, apiUser } from "./payloads.js";
import type { CommandOptionInput, JsonObject } from "./types.js";

/** Discord resolves user/channel/role option values into full objects under data.resolved. */
export function resolveOptions(
  ctx: Pick<InteractionContext, "state" | "channel">,
  options: CommandOptionInput[],
  userId: string,
): JsonObject | undefined {
  const users: JsonObject = {};
  const members: JsonObject = {};
  const channels: JsonObject = {};
  const roles: JsonObject = {};
  const guild = ctx.channel.guildId ? ctx.state.guilds.get(ctx.channel.guildId) : undefined;
  const visit = (option: CommandOptionInput) => {
    option.options?.forEach(visit);
    const value = String(option.value ?? "");
    if (option.type === 6 || option.type === 9) {
      const user = ctx.state.users.get(value);
      if (user) users[value] = apiUser(user);
      if (user && guild?.members.has(value)) {
        const member: JsonObject = apiInteractionMember(ctx.state, ctx.channel, value);
        delete member["user"];
        members[value] = member;
      }
    }
    if (option.type === 7) {
      const channel = ctx.state.channels.get(value);
      if (channel)
        channels[value] = {
          ...apiChannel(ctx.state, channel),
          permissions: ctx.state.permissionsIn(channel, userId).toString(),
        };
    }
    if (option.type === 8 || option.type === 9) {
      const role = guild?.roles.get(value);
      if (role) roles[value] = apiRole(role);
    }
  };
  options.forEach(visit);
  const resolved = Object.entries({ users, members, channels, roles }).filter(
    ([, v]) => Object.keys(v).length > 0,
  );
  return resolved.length > 0 ? Object.fromEntries(resolved) : undefined;
}
