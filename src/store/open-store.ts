import {
  createAnswerRepository,
  type AnswerRecord,
  type AnswerRepository,
  type LegacyAnswer,
} from "./answers.js";
import {
  createDailyPostRepository,
  type DailyPost,
  type DailyPostRepository,
} from "./daily-posts.js";
import {
  createDigestPostRepository,
  type DigestPost,
  type DigestPostRepository,
} from "./digest-posts.js";
import type { Engine } from "./engines/engine.js";
import {
  createGuildSettingsRepository,
  type GuildSettings,
  type GuildSettingsRepository,
} from "./guild-settings.js";
import { createMemberRepository, type MemberRecord, type MemberRepository } from "./members.js";
import { StoreOpenError } from "./store-error.js";
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
import {
  createCardRepository,
  type CardRecord,
  type CardRepository,
  type CardSummary,
} from "./cards.js";
import { engineOf, STORE_URL_FORMS } from "./store-url.js";
import {
  createCalendarRepository,
  type CalendarRecord,
  type CalendarRepository,
} from "./calendars.js";

export type Repositories = {
  answers: AnswerRepository;
  guilds: GuildSettingsRepository;
  posts: DailyPostRepository;
  rotation: RotationRepository;
  participation: ParticipationRepository;
  members: MemberRepository;
  calendars: CalendarRepository;
  cards: CardRepository;
  digests: DigestPostRepository;
};

export type Store = Repositories & { close(): Promise<void> };

/** Every namespace the repositories use: what a migration copies. */
export const NAMESPACES = [
  "answers",
  "guilds",
  "posts",
  "rotation",
  "participation",
  "members",
  "calendars",
  "cards",
  "digests",
] as const;

export function repositoriesOf(store: Store): Repositories {
  const { answers, guilds, posts, rotation, participation, members, calendars, cards, digests } =
    store;
  return { answers, guilds, posts, rotation, participation, members, calendars, cards, digests };
}

/** For the benchmark: how SQLite syncs a confirmed answer (FULL unless told otherwise). */
export type StoreOptions = { synchronous?: "FULL" | "NORMAL" };

/**
 * The engine named by the URL's scheme; throws StoreOpenError saying how to fix a failure. Only
 * the engine in use is loaded: the Redis and PostgreSQL clients cost ~20 MB of heap otherwise.
 */
export function openEngine(url: string, options: StoreOptions = {}): Promise<Engine> {
  switch (engineOf(url)) {
    case "sqlite":
      return import("./engines/sqlite.js").then((engine) => engine.openSqlite(url, options));
    case "redis":
      return import("./engines/redis.js").then((engine) => engine.openRedis(url));
    case "postgres":
      return import("./engines/postgres.js").then((engine) => engine.openPostgres(url));
    default:
      return Promise.reject(new StoreOpenError(`the store URL must be one of ${STORE_URL_FORMS}`));
  }
}

/**
 * The engine's own board over the member rows, if it has one. Call it before the members
 * namespace opens, wherever it is opened: an engine may keep something beside each member row
 * (Redis keeps a summary), which every writer must then write.
 */
export function openMemberBoard(engine: Engine) {
  return engine.memberBoard("members");
}

export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const engine = await openEngine(url, options);
  try {
    // One after another: each SQLite connection creates the shared table if it is missing.
    const answers = await engine.open<AnswerRecord | LegacyAnswer>("answers");
    const guilds = await engine.open<GuildSettings>("guilds");
    const posts = await engine.open<DailyPost>("posts");
    const rotation = await engine.open<RotationRecord>("rotation");
    const participation = await engine.open<ParticipationRecord>("participation");
    const board = await openMemberBoard(engine);
    const members = await engine.open<MemberRecord>("members");
    const calendars = await engine.open<CalendarRecord>("calendars");
    const cards = await engine.open<CardRecord | CardSummary>("cards");
    const digests = await engine.open<DigestPost>("digests");
    return {
      answers: createAnswerRepository(
        { answers, members, calendars, participation, cards },
        engine.commit,
      ),
      guilds: createGuildSettingsRepository(guilds),
      posts: createDailyPostRepository(posts),
      rotation: createRotationRepository(rotation),
      participation: createParticipationRepository(participation),
      members: createMemberRepository(members, board),
      calendars: createCalendarRepository(calendars),
      cards: createCardRepository({ cards }, engine.commit),
      digests: createDigestPostRepository(digests),
      close: () => engine.close(),
    };
  } catch (error) {
    await engine.close().catch(() => undefined);
    throw error;
  }
}
