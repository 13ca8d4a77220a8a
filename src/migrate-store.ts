import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { formatReport, migrateStore, MigrationError } from "./store/migrate.js";
import { StoreOpenError } from "./store/store-error.js";
import { engineOf, redactUrl, sqlitePathOf, STORE_URL_FORMS } from "./store/store-url.js";

const USAGE = "usage: npm run migrate-store -- --from <store url> --to <store url> [--force]";

export type Output = { log(line: string): void; error(line: string): void };

class UsageError extends Error {}

function parse(argv: string[]): { from: string; to: string; force: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        force: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // Node's own messages run to several sentences; the first says what is wrong.
    throw new UsageError((error as Error).message.split(". ")[0] ?? "bad arguments");
  }
  const { from, to, force } = values;
  if (!from) throw new UsageError("--from is missing");
  if (!to) throw new UsageError("--to is missing");
  for (const [option, url] of [
    ["--from", from],
    ["--to", to],
  ] as const) {
    const engine = engineOf(url);
    if (!engine) throw new UsageError(`${option} must be a store URL: ${STORE_URL_FORMS}`);
    if (engine !== "sqlite" && !URL.canParse(url)) {
      throw new UsageError(`${option} is not a valid URL (percent-encode special characters)`);
    }
  }
  // Opening a SQLite URL creates the file: a mistyped source would copy nothing and say "ok".
  if (engineOf(from) === "sqlite" && !existsSync(sqlitePathOf(from))) {
    throw new UsageError(`--from names a SQLite file that does not exist: ${from}`);
  }
  return { from, to, force: force ?? false };
}

/** Returns the exit code: 0 copied and verified, 1 refused or failed, 2 bad arguments. */
export async function runMigrateStore(argv: string[], out: Output): Promise<number> {
  let args;
  try {
    args = parse(argv);
  } catch (error) {
    out.error(`migrate-store: ${(error as Error).message} (${USAGE})`);
    return 2;
  }
  out.log(`Copying ${redactUrl(args.from)} -> ${redactUrl(args.to)}`);
  try {
    const reports = await migrateStore(args.from, args.to, { force: args.force });
    out.log(formatReport(reports));
    if (reports.every((report) => report.verified)) return 0;
    out.error("migrate-store: the target does not match the source (see MISMATCH above)");
    return 1;
  } catch (error) {
    const expected = error instanceof MigrationError || error instanceof StoreOpenError;
    const message = (error as Error).message.replace(/\s*\n\s*/g, " ");
    out.error(`migrate-store: ${expected ? "" : "failed: "}${message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await runMigrateStore(process.argv.slice(2), console);
}
