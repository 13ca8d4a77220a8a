import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";
import { createAnswerRepository, type AnswerRecord, type AnswerRepository } from "./answers.js";
import {
  createDailyPostRepository,
  type DailyPost,
  type DailyPostRepository,
} from "./daily-posts.js";
import {
  createGuildSettingsRepository,
  type GuildSettings,
  type GuildSettingsRepository,
} from "./guild-settings.js";
import { KeyedLock, type Namespace } from "./namespace.js";
import {
  createParticipationRepository,
  type ParticipationRecord,
  type ParticipationRepository,
} from "./participation.js";
import {
  createRotationRepository,
  type RotationRecord,
  type RotationRepository,
} from "./rotation-state.js";
import { sqliteAtomicOps } from "./sqlite-atomic.js";
import { createMemberRepository, type MemberRecord, type MemberRepository } from "./members.js";

export type Repositories = {
  answers: AnswerRepository;
  guilds: GuildSettingsRepository;
  posts: DailyPostRepository;
  rotation: RotationRepository;
  participation: ParticipationRepository;
  members: MemberRepository;
};

export type Store = Repositories & { close(): Promise<void> };

export function repositoriesOf(store: Store): Repositories {
  const { answers, guilds, posts, rotation, participation, members } = store;
  return { answers, guilds, posts, rotation, participation, members };
}

/** How long a writer waits for another process's lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

function sqlitePath(url: string): string {
  return url.replace(/^sqlite:\/\//, "");
}

/**
 * One adapter per namespace: Keyv 5 writes its namespace onto the adapter, so two Keyv
 * instances must never share one. The explicit adapter matters too: given a bare connection
 * string, Keyv 5 silently falls back to an in-memory Map.
 */
async function openNamespace<V>(url: string, namespace: string): Promise<Namespace<V>> {
  const adapter = new KeyvSqlite({ uri: url, busyTimeout: BUSY_TIMEOUT_MS });
  // With WAL, synchronous=NORMAL is still safe against application crashes; it is per connection.
  await adapter.query("PRAGMA synchronous = NORMAL");
  // Without throwOnErrors a failed read looks like "nothing stored" and the next write clobbers.
  const keyv = new Keyv<V>({ store: adapter, namespace, throwOnErrors: true });
  return { keyv, atomic: sqliteAtomicOps(adapter, namespace), locks: new KeyedLock() };
}

/**
 * WAL lets readers and a writer (in any process) work on the file at once. Switching to it
 * needs the file to itself and does not wait on the busy handler, so it is done once, on a
 * connection of its own, before the namespaces open; the mode is then stored in the file.
 */
async function enableWal(url: string): Promise<void> {
  const setup = new KeyvSqlite({ uri: url, busyTimeout: BUSY_TIMEOUT_MS });
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await setup.query("PRAGMA journal_mode = WAL");
        return;
      } catch (error) {
        if (attempt >= 50 || !String(error).includes("SQLITE_BUSY")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      }
    }
  } finally {
    await setup.disconnect();
  }
}

export async function openStore(url: string): Promise<Store> {
  const path = sqlitePath(url);
  if (path !== ":memory:") await mkdir(dirname(path), { recursive: true });
  await enableWal(url);
  // One after another: each connection creates the shared table if it is missing.
  const answers = await openNamespace<AnswerRecord>(url, "answers");
  const guilds = await openNamespace<GuildSettings>(url, "guilds");
  const posts = await openNamespace<DailyPost>(url, "posts");
  const rotation = await openNamespace<RotationRecord>(url, "rotation");
  const participation = await openNamespace<ParticipationRecord>(url, "participation");
  const members = await openNamespace<MemberRecord>(url, "members");
  return {
    answers: createAnswerRepository(answers),
    guilds: createGuildSettingsRepository(guilds),
    posts: createDailyPostRepository(posts),
    rotation: createRotationRepository(rotation),
    participation: createParticipationRepository(participation),
    members: createMemberRepository(members),
    async close() {
      await Promise.all(
        [answers, guilds, posts, rotation, participation, members].map((ns) =>
          ns.keyv.disconnect(),
        ),
      );
    },
  };
}
