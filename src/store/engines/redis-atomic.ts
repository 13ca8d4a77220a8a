import type { RedisClientType } from "@keyv/redis";
import {
  prefixEnd,
  withScanPrefix,
  type AtomicOps,
  type Commit,
  type CommitWrite,
  type Entry,
} from "../atomic.js";
import type { Codec } from "../codec.js";

export type RedisClient = RedisClientType;

// KEYS[1] the record, KEYS[2] the namespace's key index, KEYS[3] (optional) the hash of its
// summary; ARGV[1] the value, ARGV[2] the key, ARGV[3] and ARGV[4] the summary's field and text.
const INSERT_IF_ABSENT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('ZADD', KEYS[2], 0, ARGV[2])
  if KEYS[3] then redis.call('HSET', KEYS[3], ARGV[3], ARGV[4]) end
  return 1
end
return 0`;

// As above, with ARGV[5] the rev the caller read.
const REPLACE_IF = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local ok, record = pcall(cjson.decode, current)
if not ok or type(record) ~= 'table' or type(record.value) ~= 'table' then return 0 end
if record.value.rev ~= tonumber(ARGV[5]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], 0, ARGV[2])
if KEYS[3] then redis.call('HSET', KEYS[3], ARGV[3], ARGV[4]) end
return 1`;

// Fills in a summary for a record written before summaries were kept, unless the record has
// changed since it was read (its writer then wrote the summary). KEYS[1] the record, KEYS[2]
// the hash; ARGV[1] the value read, ARGV[2] and ARGV[3] the field and text.
const SUMMARIZE_IF_UNCHANGED = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
return 1`;

// Many writes at once, all or none. ARGV[1] the number of writes; write i (from 0) has KEYS
// 3i+1..3i+3 (record, key index, summary hash) and ARGV 6i+2..6i+7: its mode (absent, any, rev
// or remove), the rev read, the value, the key, the summary's field ("" for none) and text.
// Every condition is checked before anything is written.
const COMMIT = `
local n = tonumber(ARGV[1])
for i = 0, n - 1 do
  local mode = ARGV[2 + 6 * i]
  if mode == 'absent' or mode == 'rev' then
    local current = redis.call('GET', KEYS[1 + 3 * i])
    if mode == 'absent' then
      if current then return 0 end
    else
      if not current then return 0 end
      local ok, record = pcall(cjson.decode, current)
      if not ok or type(record) ~= 'table' or type(record.value) ~= 'table' then return 0 end
      if record.value.rev ~= tonumber(ARGV[3 + 6 * i]) then return 0 end
    end
  end
end
for i = 0, n - 1 do
  local a = 2 + 6 * i
  local record, index, hash = KEYS[1 + 3 * i], KEYS[2 + 3 * i], KEYS[3 + 3 * i]
  if ARGV[a] == 'remove' then
    redis.call('UNLINK', record)
    redis.call('ZREM', index, ARGV[a + 3])
    if ARGV[a + 4] ~= '' then redis.call('HDEL', hash, ARGV[a + 4]) end
  else
    redis.call('SET', record, ARGV[a + 2])
    redis.call('ZADD', index, 0, ARGV[a + 3])
    if ARGV[a + 4] ~= '' then redis.call('HSET', hash, ARGV[a + 4], ARGV[a + 5]) end
  end
end
return 1`;

/** Where a namespace keeps a record, its key index and (members) its summaries. */
export type RedisSpace = {
  recordKey: (key: string) => string;
  indexKey: string;
  summaries: Summaries | undefined;
};

/** Multi-key commits as one script: Redis runs a script alone, so it is all or nothing. */
export function redisCommit(
  client: RedisClient,
  codec: Codec,
  spaceOf: (namespace: string) => RedisSpace,
): Commit {
  return async (writes: readonly CommitWrite[]) => {
    const keys: string[] = [];
    const args: string[] = [String(writes.length)];
    for (const write of writes) {
      const space = spaceOf(write.namespace);
      const record = space.recordKey(write.key);
      const slot = space.summaries?.slot(write.key);
      keys.push(record, space.indexKey, slot?.hash ?? record);
      if ("remove" in write) {
        args.push("remove", "", "", write.key, slot?.field ?? "", "");
        continue;
      }
      const mode = typeof write.expect === "number" ? "rev" : write.expect;
      const summary = slot ? (space.summaries?.summarize(write.value) ?? "") : "";
      args.push(mode, String(write.expect), await codec.encode(write.value), write.key);
      args.push(slot?.field ?? "", summary);
    }
    return (await client.eval(COMMIT, { keys, arguments: args })) === 1;
  };
}

/**
 * A short text kept beside each record of a namespace, in one hash per group of records (the
 * members of one server), written in the same script as the record: one HGETALL then reads what
 * a leaderboard needs of a whole server without reading the records.
 */
export type Summaries = {
  /** The hash key and field of the record at `key`. */
  slot(key: string): { hash: string; field: string };
  summarize(value: unknown): string;
  /** What the text holds; summaries written under another layout are written again on open. */
  layout: string;
};

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
  summaries?: Summaries,
): AtomicOps {
  const write = async (source: string, key: string, value: unknown, ...rest: string[]) => {
    const raw = await codec.encode(value);
    const slot = summaries?.slot(key);
    const keys = [recordKey(key), indexKey, ...(slot ? [slot.hash] : [])];
    const summary = slot ? [slot.field, summaries?.summarize(value) ?? ""] : ["", ""];
    const args = [raw, key, ...summary, ...rest];
    return (await client.eval(source, { keys, arguments: args })) === 1;
  };
  return withScanPrefix({
    insertIfAbsent: (key, value) => write(INSERT_IF_ABSENT, key, value),
    replaceIf: (key, expectedRev, next) => write(REPLACE_IF, key, next, String(expectedRev)),
    async put(key, value) {
      const raw = await codec.encode(value);
      const batch = client
        .multi()
        .set(recordKey(key), raw)
        .zAdd(indexKey, { score: 0, value: key });
      const slot = summaries?.slot(key);
      if (slot) batch.hSet(slot.hash, slot.field, summaries?.summarize(value) ?? "");
      await batch.exec();
    },
    async remove(key) {
      const batch = client.multi().unlink(recordKey(key)).zRem(indexKey, key);
      const slot = summaries?.slot(key);
      if (slot) batch.hDel(slot.hash, slot.field);
      await batch.exec();
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

/**
 * Writes the summary of every record of the namespace that has none yet: records from before
 * summaries were kept. Safe beside running writers, which write their own summaries.
 */
export async function fillSummaries(
  client: RedisClient,
  codec: Codec,
  recordKey: (key: string) => string,
  indexKey: string,
  summaries: Summaries,
): Promise<void> {
  const keys = await client.zRangeByLex(indexKey, "-", "+");
  for (let start = 0; start < keys.length; start += MGET_BATCH) {
    const slice = keys.slice(start, start + MGET_BATCH);
    const raws = await client.mGet(slice.map(recordKey));
    await Promise.all(
      slice.map(async (key, i) => {
        const raw = raws[i];
        if (raw == null) return;
        const [value] = await codec.decodeAll([raw]);
        const { hash, field } = summaries.slot(key);
        await client.eval(SUMMARIZE_IF_UNCHANGED, {
          keys: [recordKey(key), hash],
          arguments: [raw, field, summaries.summarize(value)],
        });
      }),
    );
  }
}
