import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";
import { createAnswerRepository, type AnswerRepository } from "./answers.js";

export type Store = {
  answers: AnswerRepository;
  close(): Promise<void>;
};

/** How long a writer waits for another process's lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

function sqlitePath(url: string): string {
  return url.replace(/^sqlite:\/\//, "");
}

/**
 * One adapter per namespace: Keyv 5 writes its namespace onto the adapter, so two Keyv
 * instances must never share one. The explicit adapter matters too: given a bare connection
 * string, Keyv 5 silently falls back to an in-memory Map.
 */
async function openNamespace<V>(url: string, namespace: string): Promise<Keyv<V>> {
  const adapter = new KeyvSqlite({ uri: url, busyTimeout: BUSY_TIMEOUT_MS });
  // WAL lets readers and one writer (in any process) work on the file at once.
  await adapter.query("PRAGMA journal_mode = WAL");
  // Without throwOnErrors a failed read looks like "nothing stored" and the next write clobbers.
  return new Keyv<V>({ store: adapter, namespace, throwOnErrors: true });
}

export async function openStore(url: string): Promise<Store> {
  const path = sqlitePath(url);
  if (path !== ":memory:") await mkdir(dirname(path), { recursive: true });
  const answers = await openNamespace<Parameters<AnswerRepository["record"]>[0]>(url, "answers");
  return {
    answers: createAnswerRepository(answers),
    async close() {
      await answers.disconnect();
    },
  };
}
