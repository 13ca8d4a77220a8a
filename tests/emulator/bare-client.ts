import { once } from "node:events";
import { Client, DiscordAPIError, GatewayIntentBits, type Interaction } from "discord.js";
import type { Emulator } from "../../emulator/index.js";

/** A plain discord.js client logged in to the emulator, for tests of the emulator itself. */
export async function loginBareClient(emu: Emulator): Promise<Client> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
  const ready = once(client, "clientReady");
  await client.login(emu.token);
  await ready;
  await emu.waitForIdentify();
  return client;
}

/** Handles the next interaction the client emits; resolves once `handle` has finished. */
export function onNextInteraction(
  client: Client,
  handle: (interaction: Interaction) => Promise<unknown>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    client.once("interactionCreate", (interaction) => {
      handle(interaction).then(() => resolve(), reject);
    });
  });
}

/** The DiscordAPIError a REST call rejected with; fails if it resolved or threw anything else. */
export async function apiErrorOf(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DiscordAPIError)) {
    throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  }
  return error;
}
