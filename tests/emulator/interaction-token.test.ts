import type { ChatInputCommandInteraction, Client } from "discord.js";
import { afterEach, describe, expect, test } from "vitest";
import { apiErrorOf, loginBareClient, onNextInteraction } from "./bare-client.js";
import { startEmulator, type Emulator } from "../../emulator/index.js";

/*
 * "Interaction tokens are valid for 15 minutes, meaning you can respond to an interaction within
 * that amount of time." The emulator's clock moves so the test need not wait.
 */

const MINUTE = 60_000;

let emu: Emulator | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await emu?.close();
  client = emu = undefined;
});

/** Logs in, sends /ask, defers it and hands back the interaction to use later. */
async function deferredInteraction() {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  const guild = emu.addGuild({ name: "tokens" });
  const member = emu.addMember(guild.id, { username: "ada" });
  client = await loginBareClient(emu);
  let kept: ChatInputCommandInteraction | undefined;
  const handled = onNextInteraction(client, async (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    await interaction.deferReply();
    kept = interaction;
  });
  const handle = emu.interact({ guildId: guild.id, user: member, type: "command", name: "ask" });
  await handled;
  await handle.callback();
  if (!kept) throw new Error("the client did not receive the command");
  return { emu, interaction: kept };
}

describe("an interaction token's 15 minutes", () => {
  test("GIVEN 14 min 59 s have passed THEN editing @original and following up still work", async () => {
    const { emu, interaction } = await deferredInteraction();
    emu.advanceClock(15 * MINUTE - 1_000);
    expect((await interaction.editReply({ content: "late but in time" })).content).toBe(
      "late but in time",
    );
    expect((await interaction.followUp({ content: "and one more" })).content).toBe("and one more");
  });

  test.each([
    ["editing @original", (i: ChatInputCommandInteraction) => i.editReply({ content: "too late" })],
    ["a follow-up", (i: ChatInputCommandInteraction) => i.followUp({ content: "too late" })],
    ["fetching @original", (i: ChatInputCommandInteraction) => i.fetchReply()],
    ["deleting @original", (i: ChatInputCommandInteraction) => i.deleteReply()],
  ])(
    "GIVEN more than 15 minutes have passed THEN %s is refused with 401 50027 Invalid Webhook Token",
    async (_, use) => {
      const { emu, interaction } = await deferredInteraction();
      emu.advanceClock(15 * MINUTE + 1);
      const error = await apiErrorOf(use(interaction));
      expect({ status: error.status, code: error.code }).toEqual({ status: 401, code: 50027 });
      expect(error.message).toBe("Invalid Webhook Token");
    },
  );

  test("GIVEN more than 3 s pass before the initial response THEN it is refused with 10062, on the same clock", async () => {
    emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
    const guild = emu.addGuild({ name: "three seconds" });
    const member = emu.addMember(guild.id, { username: "ada" });
    client = await loginBareClient(emu);
    let code: unknown;
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      emu?.advanceClock(3_001);
      code = await apiErrorOf(interaction.deferReply()).then((error) => error.code);
    });
    emu.interact({ guildId: guild.id, user: member, type: "command", name: "ask" });
    await handled;
    expect(code).toBe(10062);
  });

  test("GIVEN the clock is moved back THEN the emulator refuses, since Discord's time never runs backwards", async () => {
    emu = await startEmulator();
    expect(() => emu?.advanceClock(-1)).toThrow(/only moves forward/);
  });
});
