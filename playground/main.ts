import { parseArgs } from "node:util";
import { createLogger } from "../src/log.js";
import { startPlayground } from "./playground.js";

const USAGE = `Usage: npm run playground -- [--fresh] [--host 127.0.0.1] [--port 0] [--time-zone Area/City]

  --fresh       a temporary store, forgotten on exit (default: data/playground.sqlite, kept)
  --host        the address to listen on (default 127.0.0.1: this machine only)
  --port        the port to listen on (default 0: any free port)
  --time-zone   the server's zone for its daily post (default: this machine's)`;

/** `npm run playground`: the emulator, the real bot against it, and the page. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      fresh: { type: "boolean", default: false },
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "0" },
      "time-zone": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be a port number (0 for any free one), not ${values.port}`);
  const log = createLogger(process.env["LOG_LEVEL"] ?? "warn");
  const playground = await startPlayground({
    host: values.host,
    port,
    fresh: values.fresh,
    log,
    ...(values["time-zone"] ? { timeZone: values["time-zone"] } : {}),
  });
  console.log(`Playground: ${playground.url}`);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    playground.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("playground: could not stop cleanly", error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  if (
    error instanceof UsageError ||
    (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
  )
    console.error(`playground: ${(error as Error).message}\n\n${USAGE}`);
  else console.error("playground: could not start", error);
  process.exit(1);
});
