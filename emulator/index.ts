import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Emulator } from "./emulator.js";
import type { EmulatorOptions } from "./types.js";

export { RefusedByClient } from "./client-rules.js";
export { Emulator } from "./emulator.js";
export { ApplicationFlag, DEFAULT_APPLICATION_FLAGS } from "./gateway-content.js";
export type { GatewayLogEntry } from "./gateway-protocol.js";
export type { InteractionHandle } from "./interaction-handle.js";
export type * from "./types.js";

/**
 * Starts the emulator on 127.0.0.1 with a random port. Point discord.js at it with
 * `new Client({ ..., rest: { api: emu.apiUrl } })` and `client.login(emu.token)`; pass
 * `specPath: process.env.DISCORD_API_SPEC` to check every request against Discord's OpenAPI.
 * Destroy the client before `await emu.close()`.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return new Emulator(server, port, options);
}
