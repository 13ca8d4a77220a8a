import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import { answeredAgain } from "../src/store/answers.js";
import { openStore } from "../src/store/open-store.js";
import { measure, printTable } from "./harness.js";

/**
 * Storing an answer through the store layer (Keyv + @keyv/sqlite, WAL) against the baseline of
 * the same INSERT issued directly on a second SQLite file with the same settings.
 */
export async function benchRecordAnswer(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "bench-answers-"));
  try {
    const store = await openStore(`sqlite://${join(dir, "store.sqlite")}`);
    const raw = new KeyvSqlite({ uri: `sqlite://${join(dir, "raw.sqlite")}`, busyTimeout: 5000 });
    await raw.query("PRAGMA journal_mode = WAL");
    const baseline = await measure("raw SQLite upsert (baseline)", (i) =>
      raw.query(
        "INSERT INTO keyv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        `answers:g:u${i % 1000}:5:${i}`,
        JSON.stringify({ value: { text: "answer", at: i }, expires: null }),
      ),
    );
    const recorded = await measure("store.answers.save (answer, member, participation)", (i) => {
      const submit = { id: String(i), guildId: "g", userId: `u${i % 1000}`, question: 5 };
      return store.answers.save("g", submit.userId, 5, (read) => ({
        answer: answeredAgain(read.answer, { ...submit, text: "answer", at: i }, true),
        member: read.member,
        calendar: null,
        participation: { at: i },
      }));
    });
    printTable("Record one answer (SQLite file, WAL)", baseline, [recorded]);
    await store.close();
    await raw.disconnect();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
