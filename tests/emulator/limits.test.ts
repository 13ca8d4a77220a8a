import { Routes, type Client, type TextChannel } from "discord.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiErrorOf, loginBareClient } from "./bare-client.js";
import { startEmulator, type Emulator, type GuildHandle } from "../../emulator/index.js";

let emu: Emulator;
let client: Client;
let guild: GuildHandle;

beforeAll(async () => {
  emu = await startEmulator();
  guild = emu.addGuild({ name: "Limits" });
  client = await loginBareClient(emu);
});

afterAll(async () => {
  await client?.destroy();
  await emu?.close();
});

const general = () => client.channels.cache.get(guild.channels.general) as TextChannel;

describe("Discord's message limits", () => {
  test.each([
    ["content over 2000", { content: "x".repeat(2001) }],
    ["a title over 256", { embeds: [{ title: "x".repeat(257) }] }],
    ["a description over 4096", { embeds: [{ description: "x".repeat(4097) }] }],
    ["a field value over 1024", { embeds: [{ fields: [{ name: "n", value: "x".repeat(1025) }] }] }],
    [
      "26 fields",
      { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: "n", value: "v" })) }] },
    ],
    ["11 embeds", { embeds: Array.from({ length: 11 }, () => ({ title: "t" })) }],
    [
      "6001 characters across embeds",
      { embeds: [{ description: "x".repeat(4000) }, { description: "x".repeat(2001) }] },
    ],
  ])("GIVEN %s THEN 50035 Invalid Form Body", async (_, message) => {
    const error = await apiErrorOf(general().send(message));
    expect(error.code).toBe(50035);
  });

  test("GIVEN exactly the limits THEN the message is sent", async () => {
    const sent = await general().send({
      content: "x".repeat(2000),
      embeds: [
        { description: "x".repeat(4000) },
        { title: "t".repeat(256), description: "x".repeat(1744) },
      ],
    });
    expect(sent.embeds).toHaveLength(2);
  });
});

describe("Discord's option length bounds at registration", () => {
  test.each([
    ["max_length 0", { max_length: 0 }],
    ["max_length 6001", { max_length: 6001 }],
    ["min_length -1", { min_length: -1 }],
  ])("GIVEN a string option with %s THEN the bulk overwrite gets 50035", async (_, bounds) => {
    const definition = {
      name: "echo",
      description: "Echo",
      options: [{ type: 3, name: "text", description: "Text", ...bounds }],
    };
    const error = await apiErrorOf(
      client.rest.put(Routes.applicationGuildCommands(emu.applicationId, guild.id), {
        body: [definition],
      }),
    );
    expect(error.code).toBe(50035);
  });
});
