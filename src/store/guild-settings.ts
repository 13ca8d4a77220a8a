import type { DayKey } from "../domain/calendar.js";
import type { Language } from "../domain/locale.js";
import type { ZoneHistory } from "../domain/zone-history.js";
import { EVERY_DAY } from "../domain/schedule.js";
import { guarded, updateVersioned, type Namespace } from "./namespace.js";
import type { Versioned } from "./atomic.js";

/** Why a server's daily post stopped; set by the scheduler, cleared by an admin's fix. */
export type Pause = { code: number; reason: string; at: number };

export type LastPost = {
  day: DayKey;
  number: number;
  channelId: string;
  messageId: string;
  threadId: string | null;
  at: number;
};

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
  lastError: { message: string; at: number } | null;
  lastPost: LastPost | null;
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
      guarded(
        "read of server settings",
        async () => (await ns.keyv.get(guildId)) ?? defaultGuildSettings(guildId),
      ),
    update: (guildId, change) =>
      updateVersioned(ns, guildId, () => defaultGuildSettings(guildId), change),
    list: () => guarded("list of server settings", () => ns.atomic.scanPrefix<GuildSettings>("")),
  };
}
