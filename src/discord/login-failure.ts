import { DiscordjsErrorCodes } from "discord.js";

/** Why the login failed, as one line the operator can act on. */
export function describeLoginFailure(error: Error & { code?: unknown }, apiUrl: string): string {
  if (error.code === DiscordjsErrorCodes.TokenInvalid)
    return `Discord did not accept the login (${error.message}). Check DISCORD_TOKEN: reset it in the Developer Portal (your app -> Bot) if unsure.`;
  // A system error (ECONNREFUSED, ENOTFOUND…): the login never reached Discord.
  if (typeof error.code === "string" && /^E[A-Z]+$/.test(error.code))
    return `Cannot reach Discord at ${apiUrl} to log in (${error.message}): check the network, and DISCORD_API_URL if you set it.`;
  return `Logging in to Discord failed: ${error.message}`;
}
