import type { RedisClientType } from "@keyv/redis";
import { prefixEnd, withScanPrefix, type AtomicOps, type Entry } from "../atomic.js";
import type { Codec } from "../codec.js";

export type RedisClient = RedisClientType;

// KEYS[1] the record, KEYS[2] the namespace's key index; ARGV[1] the value, ARGV[2] the key.
const INSERT_IF_ABSENT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('ZADD', KEYS[2], 0, ARGV[2])
  return 1
end
return 0`;

// As above, ARGV[3] the key; ARGV[2] the rev the caller read.
const REPLACE_IF = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local ok, record = pcall(cjson.decode, current)
if not ok or type(record) ~= 'table' or type(record.value) ~= 'table' then return 0 end
if record.value.rev ~= tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], 0, ARGV[3])
return 1`;

/** MGET in slices, so a big server's leaderboard does not become one huge reply. */
const MGET_BATCH = 1_000;

/**
 * Each namespace keeps a sorted set of its keys (all with score 0, so ordered by bytes); a
 * prefix read is one ZRANGEBYLEX plus MGETs, never a SCAN of the database. Every write updates
 * record and index together, in a Lua script or a MULTI.
 */
export function redisAtomicOps(
  client: RedisClient,
  codec: Codec,
  recordKey: (key: string) => string,
  indexKey: string,
): AtomicOps {
  const script = async (source: string, key: string, ...args: string[]) =>
    (await client.eval(source, { keys: [recordKey(key), indexKey], arguments: args })) === 1;
  return withScanPrefix({
    insertIfAbsent: async (key, value) =>
      script(INSERT_IF_ABSENT, key, await codec.encode(value), key),
    replaceIf: async (key, expectedRev, next) =>
      script(REPLACE_IF, key, await codec.encode(next), String(expectedRev), key),
    async put(key, value) {
      const raw = await codec.encode(value);
      await client.multi().set(recordKey(key), raw).zAdd(indexKey, { score: 0, value: key }).exec();
    },
    async remove(key) {
      await client.multi().unlink(recordKey(key)).zRem(indexKey, key).exec();
    },
    async scanEntries<V>(prefix: string) {
      const keys =
        prefix === ""
          ? await client.zRangeByLex(indexKey, "-", "+")
          : await client.zRangeByLex(indexKey, `[${prefix}`, `(${prefixEnd(prefix)}`);
      const found: Entry<V>[] = [];
      for (let start = 0; start < keys.length; start += MGET_BATCH) {
        const slice = keys.slice(start, start + MGET_BATCH);
        const raws = await client.mGet(slice.map(recordKey));
        // null: deleted between the two reads, gone as it would be a moment later anyway.
        const live = slice.filter((_, i) => raws[i] != null);
        const values = await codec.decodeAll<V>(raws.filter((raw) => raw != null));
        live.forEach((key, i) => found.push({ key, value: values[i] as V }));
      }
      return found;
    },
  });
}
