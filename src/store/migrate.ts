import { isDeepStrictEqual } from "node:util";
import type { Entry } from "./atomic.js";
import type { Engine } from "./engines/engine.js";
import type { Namespace } from "./namespace.js";
import { NAMESPACES, openEngine, openMemberBoard } from "./open-store.js";

/** A migration the operator can fix (non-empty target, same store twice); printed as one line. */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
}

export type NamespaceReport = {
  namespace: string;
  source: number;
  target: number;
  /** Every source record is in the target, equal, and nothing else is. */
  verified: boolean;
};

/** Writes in flight at once: enough to hide network round trips, few enough for a small pool. */
const CONCURRENCY = 32;

/**
 * Copies every namespace's records from one store to another, through the same atomic
 * operations the bot uses (so Redis's key index is built), then reads the target back and
 * compares. A non-empty target is refused unless `force`, which empties it first.
 */
export async function migrateStore(
  from: string,
  to: string,
  options: { force: boolean },
): Promise<NamespaceReport[]> {
  if (from === to) throw new MigrationError("--from and --to name the same store");
  const source = await openEngine(from);
  try {
    const target = await openEngine(to);
    try {
      return await copyAll(await openAll(source), await openAll(target), options.force);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

type Spaces = Map<string, Namespace<unknown>>;

async function openAll(engine: Engine): Promise<Spaces> {
  await openMemberBoard(engine);
  const spaces: Spaces = new Map();
  for (const name of NAMESPACES) spaces.set(name, await engine.open<unknown>(name));
  return spaces;
}

const spaceOf = (spaces: Spaces, name: string) => spaces.get(name) as Namespace<unknown>;

async function copyAll(source: Spaces, target: Spaces, force: boolean) {
  // Everything is read before anything is written or removed: should --from and --to be one
  // store spelled two ways, --force still cannot lose a record.
  const records = await readAll(source);
  const occupied = [...(await readAll(target))].filter(([, entries]) => entries.length > 0);
  if (occupied.length > 0 && !force) {
    const counts = occupied.map(([name, entries]) => `${name} ${entries.length}`).join(", ");
    throw new MigrationError(
      `the target store is not empty (${counts}); pass --force to replace its records`,
    );
  }
  for (const [name, entries] of occupied) {
    const space = spaceOf(target, name);
    await inBatches(entries, (entry) => space.atomic.remove(entry.key));
  }
  const reports: NamespaceReport[] = [];
  for (const [name, entries] of records) {
    const space = spaceOf(target, name);
    await inBatches(entries, (entry) => space.atomic.put(entry.key, entry.value));
    const copied = await space.atomic.scanEntries<unknown>("");
    reports.push({
      namespace: name,
      source: entries.length,
      target: copied.length,
      verified: sameEntries(entries, copied),
    });
  }
  return reports;
}

async function readAll(spaces: Spaces): Promise<Map<string, Entry<unknown>[]>> {
  const read = new Map<string, Entry<unknown>[]>();
  for (const name of NAMESPACES) read.set(name, await spaceOf(spaces, name).atomic.scanEntries(""));
  return read;
}

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += CONCURRENCY) {
    await Promise.all(items.slice(start, start + CONCURRENCY).map(work));
  }
}

function sameEntries(expected: Entry<unknown>[], actual: Entry<unknown>[]): boolean {
  if (expected.length !== actual.length) return false;
  const byKey = new Map(actual.map((entry) => [entry.key, entry.value]));
  return expected.every(
    (entry) => byKey.has(entry.key) && isDeepStrictEqual(byKey.get(entry.key), entry.value),
  );
}

export function formatReport(reports: NamespaceReport[]): string {
  const rows = [
    ["namespace", "source", "target", "check"],
    ...reports.map((r) => [
      r.namespace,
      String(r.source),
      String(r.target),
      r.verified ? "ok" : "MISMATCH",
    ]),
  ];
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join("  "),
    )
    .join("\n");
}
