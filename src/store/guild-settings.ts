import type { DayKey } from "../domain/calendar.js";
import type { Language } from "../domain/locale.js";
import type { ChannelPermission, PostFailure } from "../domain/post-failure.js";
import type { ZoneHistory } from "../domain/zone-history.js";
import { EVERY_DAY } from "../domain/schedule.js";
import { guarded, updateVersioned, type Namespace } from "./namespace.js";
import type { Versioned } from "./atomic.js";

/**
 * Why a server's daily post stopped; set by the scheduler, cleared by an admin's fix. `code` is
 * Discord's error code; `reason` is rendered in the reader's language.
 */
export type Pause = { code: number; reason: PostFailure; at: number };

export type LastError = { reason: PostFailure; at: number };

export type LastPost = {
  day: DayKey;
  number: number;
  channelId: string;
  messageId: string;
  threadId: string | null;
  at: number;
};

/** The weekly digest last sent, by its local day (see src/services/post-weekly-digest.ts). */
export type LastDigest = { day: DayKey; channelId: string; messageId: string; at: number };

export type GuildSettings = Versioned & {
  guildId: string;
  channelId: string | null;
  /** "HH:MM", 24-hour, in `timeZone`. */
  time: string;
  timeZone: string;
  /** Which zone decided members' streak days when: a change applies from the next local day. */
  zoneHistory: ZoneHistory;
  /** ISO weekdays, 1 = Monday. */
  days: number[];
  enabled: boolean;
  /** null: follow the server's preferred locale. */
  language: Language | null;
  pause: Pause | null;
  lastError: LastError | null;
  lastPost: LastPost | null;
  /** ISO weekday (1 = Monday) of the weekly digest; null: no digest. */
  digestDay: number | null;
  lastDigest: LastDigest | null;
};

export function defaultGuildSettings(guildId: string): GuildSettings {
  return {
    rev: 0,
    guildId,
    channelId: null,
    time: "09:00",
    timeZone: "UTC",
    zoneHistory: [{ zone: "UTC", from: 0 }],
    days: [...EVERY_DAY],
    enabled: false,
    language: null,
    pause: null,
    lastError: null,
    lastPost: null,
    digestDay: null,
    lastDigest: null,
  };
}

/** The permission names older versions stored in sentences, as Discord's client shows them. */
const LEGACY_PERMISSIONS: Readonly<Record<string, ChannelPermission>> = {
  "View Channel": "ViewChannel",
  "Send Messages": "SendMessages",
  "Embed Links": "EmbedLinks",
};

/** What an older version's English pause reason meant, where it can be told; else kept as text. */
function legacyPauseReason(code: number, text: string): PostFailure {
  const listed = /^missing permissions: (.+)$/.exec(text)?.[1];
  if (listed) {
    const names = listed.split(", ");
    const missing = names.flatMap((name) => LEGACY_PERMISSIONS[name] ?? []);
    if (missing.length === names.length) return { code: "missing-permissions", missing };
  }
  if (code === 50013) return { code: "missing-permissions", missing: [] };
  if (code === 50001) return { code: "missing-access" };
  if (code === 10003) return { code: "channel-gone" };
  if (code === 10004) return { code: "guild-gone" };
  return { code: "legacy", text };
}

type LegacySettings = Omit<GuildSettings, "pause" | "lastError" | "digestDay" | "lastDigest"> & {
  /** Absent in rows written before the weekly digest: no digest. */
  digestDay?: number | null;
  lastDigest?: LastDigest | null;
  pause: Pause | { code: number; reason: string; at: number } | null;
  lastError: LastError | { message: string; at: number } | null;
};

/**
 * Settings as older versions stored them read as today's: reasons stored as English sentences
 * become codes, and a row from before the weekly digest has it off.
 */
export function upgradeSettings(stored: LegacySettings): GuildSettings {
  const { pause, lastError } = stored;
  return {
    ...stored,
    digestDay: stored.digestDay ?? null,
    lastDigest: stored.lastDigest ?? null,
    pause:
      pause && typeof pause.reason === "string"
        ? { ...pause, reason: legacyPauseReason(pause.code, pause.reason) }
        : (pause as Pause | null),
    lastError:
      lastError && "message" in lastError
        ? { reason: { code: "legacy", text: lastError.message }, at: lastError.at }
        : lastError,
  };
}

export type GuildSettingsRepository = {
  get(guildId: string): Promise<GuildSettings>;
  /** Applies `change` atomically; concurrent updates (an admin and the scheduler) both land. */
  update(
    guildId: string,
    change: (current: GuildSettings) => GuildSettings | null,
  ): Promise<GuildSettings>;
  list(): Promise<GuildSettings[]>;
};

export function createGuildSettingsRepository(
  ns: Namespace<GuildSettings>,
): GuildSettingsRepository {
  return {
    get: (guildId) =>
      guarded("read of server settings", async () => {
        const stored = await ns.keyv.get(guildId);
        return stored ? upgradeSettings(stored) : defaultGuildSettings(guildId);
      }),
    update: (guildId, change) =>
      updateVersioned(
        ns,
        guildId,
        () => defaultGuildSettings(guildId),
        (current) => change(upgradeSettings(current)),
      ),
    list: () =>
      guarded("list of server settings", async () =>
        (await ns.atomic.scanPrefix<GuildSettings>("")).map(upgradeSettings),
      ),
  };
}
