import KeyvRedis, { createClient } from "@keyv/redis";
import Keyv from "keyv";
import { keyvCodec } from "../codec.js";
import { KeyedLock } from "../namespace.js";
import { StoreError, StoreOpenError } from "../store-error.js";
import { redact } from "../store-url.js";
import type { Engine } from "./engine.js";
import {
  fillSummaries,
  redisAtomicOps,
  redisCommit,
  type RedisClient,
  type RedisSpace,
  type Summaries,
} from "./redis-atomic.js";
import { memberSummaries, redisBoard } from "./redis-board.js";

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * KeyvRedis reconnects on demand when its client is closed, so a closed store would quietly
 * open a new connection; this one refuses instead.
 */
class ClosableKeyvRedis extends KeyvRedis<string> {
  closed = false;

  override async getClient() {
    if (this.closed) throw new StoreError("the Redis connection of this store is closed");
    return super.getClient();
  }
}

/**
 * `redis://[user:password@]host:port[/db][?prefix=name]` (or rediss:// for TLS). All namespaces
 * share one client; `prefix` puts every key under `name:` so several bots (or test runs) can
 * share a database. Keys are `[prefix:]namespace::key`, as @keyv/redis's own createKeyv writes.
 */
export async function openRedis(url: string): Promise<Engine> {
  const target = new URL(url);
  const prefix = target.searchParams.get("prefix");
  target.searchParams.delete("prefix");
  // Named, so CLIENT LIST shows whose connection it is.
  const name = prefix ? `daily-drill:${prefix.replace(/[^\w:.-]/g, "_")}` : "daily-drill";
  const client = await connect(target.toString(), url, name);
  const adapters: ClosableKeyvRedis[] = [];
  const spaceOf = (namespace: string) => (prefix ? `${prefix}:${namespace}` : namespace);
  /** Namespaces whose records keep a summary, by memberBoard(), which runs before open(). */
  const summarized = new Map<string, Summaries>();
  const spaces = new Map<string, RedisSpace>();
  const openedSpace = (namespace: string) => {
    const space = spaces.get(namespace);
    if (!space) throw new StoreError(`namespace ${namespace} is not open on this Redis store`);
    return space;
  };
  return {
    commit: redisCommit(client, keyvCodec(new Keyv()), openedSpace),
    memberBoard(namespace: string) {
      const summaries = memberSummaries(spaceOf(namespace));
      summarized.set(namespace, summaries);
      return Promise.resolve(redisBoard(client, summaries));
    },
    async open<V>(namespace: string) {
      const space = spaceOf(namespace);
      // The adapter must throw too: by default it answers a failed read with "not found".
      const adapter = new ClosableKeyvRedis(client, { throwOnErrors: true, namespace: space });
      adapters.push(adapter);
      // useKeyPrefix false: the adapter prefixes already; Keyv would add a second prefix.
      const keyv = new Keyv<V>({
        store: adapter,
        namespace: space,
        useKeyPrefix: false,
        throwOnErrors: true,
      });
      const recordKey = (key: string) => adapter.createKeyPrefix(key, space);
      const codec = keyvCodec(keyv);
      const indexKey = `${space}:index`;
      const summaries = summarized.get(namespace);
      const atomic = redisAtomicOps(client, codec, recordKey, indexKey, summaries);
      spaces.set(namespace, { recordKey, indexKey, summaries });
      if (summaries) {
        // Once per store and layout: records from before summaries were kept, or from before
        // the board columns changed, get theirs. Stores filled before the layout was recorded
        // hold "1", and are filled once more.
        const filled = `${space}:summaries-filled`;
        if ((await client.get(filled)) !== summaries.layout) {
          await fillSummaries(client, codec, recordKey, indexKey, summaries);
          await client.set(filled, summaries.layout);
        }
      }
      return { keyv, atomic, locks: new KeyedLock() };
    },
    async close() {
      for (const adapter of adapters) adapter.closed = true;
      if (client.isOpen) await client.close();
    },
  };
}

async function connect(connection: string, url: string, name: string): Promise<RedisClient> {
  let connected = false;
  const client = createClient({
    url: connection,
    name,
    // While the connection is down, commands fail at once (a StoreError) instead of queueing.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // At start-up, fail fast; once running, keep reconnecting with backoff.
      reconnectStrategy: (retries: number, cause: Error) =>
        connected ? Math.min(100 * 2 ** retries, 2_000) : cause,
    },
  });
  // Failures reach the caller through the failing command; an unheard "error" would crash.
  client.on("error", () => undefined);
  try {
    await client.connect();
    connected = true;
    return client;
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw new StoreOpenError(describeFailure(error as Error, url), { cause: error });
  }
}

function describeFailure(error: Error, url: string): string {
  const { hostname, port } = new URL(url);
  const cause = redact(error.message, url);
  const fix = /WRONGPASS|NOAUTH|NOPERM|\bAUTH\b/.test(cause)
    ? "check the user and password in STORE_URL"
    : "start Redis or correct the host and port in STORE_URL";
  return `Redis at ${hostname}:${port || 6379} did not answer (${cause}): ${fix}`;
}
