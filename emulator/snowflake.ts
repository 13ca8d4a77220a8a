const DISCORD_EPOCH = 1_420_070_400_000n;
const WORKER_ID = 1n;

let increment = 0n;

/** A realistic, unique snowflake: discord.js derives timestamps from ids, so they must be real. */
export function nextSnowflake(now: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(now) - DISCORD_EPOCH) << 22n) | (WORKER_ID << 17n) | increment).toString();
}

/** The shard a guild's events go to, as Discord routes them. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
