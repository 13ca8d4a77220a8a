import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  MessageFlags,
  type Client,
  type TextChannel,
} from "discord.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loginBareClient, onNextInteraction } from "./bare-client.js";
import {
  startEmulator,
  type ClientEvent,
  type Emulator,
  type GuildHandle,
  type MemberHandle,
} from "../../emulator/index.js";

/*
 * What members' clients are shown (emu.watch), which the playground turns into its page: every
 * message change, ephemeral ones included; uploads kept for their URLs, as Discord's CDN serves
 * them; message times on the emulator's clock; and components of an ephemeral message usable.
 */

let emu: Emulator;
let client: Client;
let guild: GuildHandle;
let ada: MemberHandle;
const seen: ClientEvent[] = [];

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  guild = emu.addGuild({ name: "view" });
  ada = emu.addMember(guild.id, { username: "ada" });
  emu.watch((event) => seen.push(event));
  client = await loginBareClient(emu);
});

afterAll(async () => {
  await client?.destroy();
  await emu?.close();
});

const general = () => client.channels.cache.get(guild.channels.general) as TextChannel;

describe("what members' clients are shown", () => {
  test("GIVEN an ephemeral reply and its edit THEN both reach the watchers, though the channel's history keeps neither", async () => {
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply("only for ada");
    });
    const handle = emu.interact({ guildId: guild.id, user: ada, type: "command", name: "hi" });
    await handled;
    const id = (await handle.callback(), handle.reply?.id);
    const changes = seen.filter((e) => e.kind === "message" && e.message.id === id);
    expect(changes.map((e) => e.kind === "message" && e.change)).toEqual(["create", "update"]);
    const last = changes.at(-1);
    expect(last?.kind === "message" && last.message.content).toBe("only for ada");
    expect(emu.messages(guild.channels.general).some((m) => m.id === id)).toBe(false);
  });

  test("GIVEN a file the bot uploaded THEN the attachment's id gives back its bytes and type", async () => {
    const bytes = Buffer.from("hello, cdn");
    const sent = await general().send({
      files: [new AttachmentBuilder(bytes, { name: "note.txt" })],
    });
    const attachment = sent.attachments.first();
    expect(attachment?.url).toMatch(/^https:\/\/cdn\.discordapp\.com\/attachments\//);
    const file = emu.attachment(attachment?.id ?? "");
    expect(file?.filename).toBe("note.txt");
    expect(Buffer.from(file?.data ?? []).toString()).toBe("hello, cdn");
  });

  test("GIVEN the clock moved a day THEN a new message is stamped with the emulator's time", async () => {
    emu.advanceClock(24 * 60 * 60_000);
    const sent = await general().send("tomorrow");
    expect(Math.abs(sent.createdTimestamp - Date.now())).toBeLessThan(60_000); // the id: wall time
    const stored = emu.messages(guild.channels.general).find((m) => m.id === sent.id);
    expect(Date.parse(stored?.timestamp ?? "")).toBeGreaterThanOrEqual(emu.now() - 60_000);
    expect(Date.parse(stored?.timestamp ?? "") - Date.now()).toBeGreaterThan(23 * 60 * 60_000);
  });

  test("GIVEN a button on an ephemeral message THEN only its member can click it, the click carries that message and its update edits it", async () => {
    const replied = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const button = new ButtonBuilder()
        .setCustomId("view:press:1")
        .setLabel("Press")
        .setStyle(ButtonStyle.Primary);
      await interaction.reply({
        content: "press it",
        flags: MessageFlags.Ephemeral,
        components: [new ActionRowBuilder<ButtonBuilder>().addComponents(button)],
      });
    });
    const command = emu.interact({ guildId: guild.id, user: ada, type: "command", name: "panel" });
    await replied;
    await command.callback();
    const panel = command.reply;
    if (!panel) throw new Error("no ephemeral reply");
    let clickedOn: string | undefined;
    const updated = onNextInteraction(client, async (interaction) => {
      if (!interaction.isButton()) return;
      clickedOn = interaction.message.id;
      await interaction.update({ content: "pressed", components: [] });
    });
    // Only the member who was shown it can use it. Message flags docs: "EPHEMERAL: this message
    // is only visible to the user who invoked the Interaction".
    const bob = emu.addMember(guild.id, { username: "bob" });
    expect(() =>
      emu.interact({
        guildId: guild.id,
        user: bob,
        type: "button",
        customId: "view:press:1",
        message: panel.id,
      }),
    ).toThrow(/ephemeral to another user/);
    const click = emu.interact({
      guildId: guild.id,
      user: ada,
      type: "button",
      customId: "view:press:1",
      message: panel.id,
    });
    await updated;
    expect((await click.callback()).type).toBe(7);
    expect(clickedOn).toBe(panel.id);
    expect(panel.content).toBe("pressed");
    expect(emu.messages(guild.channels.general).some((m) => m.id === panel.id)).toBe(false);
  });
});
