import type { Client } from "discord.js";
import { describe, expect, test } from "vitest";
import { createDiscordPort } from "../../src/discord/discord-port.js";
import { createPresenceCache } from "../../src/discord/presence-cache.js";

describe("createPresenceCache", () => {
  test("GIVEN more members than it holds THEN the oldest go and the size stays at the bound", () => {
    const cache = createPresenceCache(60_000, 3, () => 0);
    for (const key of ["a", "b", "c", "d", "e"]) cache.add(key);
    expect(cache.size).toBe(3);
    expect(["a", "b", "c", "d", "e"].map((key) => cache.has(key))).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
  });

  test("GIVEN entries past their lifetime THEN they are not trusted and are dropped when others come in", () => {
    const clock = { now: 0 };
    const cache = createPresenceCache(1_000, 100, () => clock.now);
    cache.add("old-1");
    cache.add("old-2");
    clock.now = 500;
    cache.add("recent");
    clock.now = 1_200;
    expect(cache.has("recent")).toBe(true);
    cache.add("new");
    expect(cache.size).toBe(2); // old-1 and old-2 expired and were dropped, unread
    expect(cache.has("old-1")).toBe(false);
  });

  test("GIVEN a member seen again THEN their entry is renewed and moves to the back", () => {
    const clock = { now: 0 };
    const cache = createPresenceCache(1_000, 2, () => clock.now);
    cache.add("a");
    cache.add("b");
    clock.now = 900;
    cache.add("a");
    cache.add("c"); // full: b, the oldest, goes
    clock.now = 1_500;
    expect([cache.has("a"), cache.has("b"), cache.has("c")]).toEqual([true, false, true]);
  });

  test("GIVEN no lifetime limit (member events) THEN only the bound and deletes remove entries", () => {
    const clock = { now: 0 };
    const cache = createPresenceCache(Number.POSITIVE_INFINITY, 2, () => clock.now);
    cache.add("a");
    clock.now = 365 * 86_400_000;
    expect(cache.has("a")).toBe(true);
    cache.delete("a");
    expect(cache.has("a")).toBe(false);
  });
});

describe("the Discord port's member check", () => {
  const noBanks = { banks: [], questions: [], topics: new Map() };
  /** A client whose REST answers every member lookup: present. */
  const clientCounting = () => {
    const asked: string[] = [];
    const client = {
      rest: {
        get: (route: string) => {
          asked.push(route);
          return Promise.resolve({});
        },
      },
    } as unknown as Client;
    return { client, asked };
  };

  test("GIVEN many members asked about THEN what it remembers stays bounded and expired members are asked again", async () => {
    const clock = { now: 0 };
    const seen = createPresenceCache(10 * 60_000, 50, () => clock.now);
    const { client, asked } = clientCounting();
    const discord = createDiscordPort(client, noBanks, { seen });
    for (let i = 0; i < 500; i++) expect(await discord.isMember("g", `u${i}`)).toBe(true);
    expect(seen.size).toBe(50);
    expect(asked).toHaveLength(500);
    await discord.isMember("g", "u499"); // remembered
    expect(asked).toHaveLength(500);
    clock.now = 11 * 60_000;
    await discord.isMember("g", "u499"); // expired: asked again, and the expired ones dropped
    expect(asked).toHaveLength(501);
    expect(seen.size).toBe(1);
  });
});
