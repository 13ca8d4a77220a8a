import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import type { z } from "zod";
import { createCatalogue, type Catalogue } from "../domain/catalogue.js";
import { bankSchema, type BankFile } from "./schema.js";

/** A bank that cannot be used; the message names the file, the question and the field. */
export class BankError extends Error {
  override readonly name = "BankError";
}

async function bankFilesIn(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new BankError(`Bank path ${path} does not exist: check BANK_PATH.`);
  if (info.isFile()) return [path];
  const entries = await readdir(path).catch((error: Error) => {
    throw new BankError(`Bank path ${path} cannot be read (${error.message}): check BANK_PATH.`);
  });
  const names = entries.filter((name) => name.endsWith(".json")).sort();
  if (names.length === 0) throw new BankError(`Bank folder ${path} holds no .json bank files.`);
  return names.map((name) => join(path, name));
}

function describeIssue(raw: unknown, issue: z.core.$ZodIssue): string {
  const [head, index, ...field] = issue.path;
  if (head === "questions" && typeof index === "number") {
    const entry = (raw as { questions?: { number?: unknown }[] }).questions?.[index];
    const which =
      typeof entry?.number === "number" ? `question ${entry.number}` : `question #${index + 1}`;
    return field.length > 0
      ? `${which}, field "${field.join(".")}": ${issue.message}`
      : `${which}: ${issue.message}`;
  }
  return issue.path.length > 0
    ? `field "${issue.path.join(".")}": ${issue.message}`
    : issue.message;
}

export async function readBank(file: string): Promise<BankFile> {
  const shown = relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new BankError(`Bank file ${shown} is not valid JSON: ${(error as Error).message}.`);
  }
  const parsed = bankSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const more = parsed.error.issues.length - 1;
    throw new BankError(
      `Bank file ${shown} is invalid: ${first ? describeIssue(raw, first) : "unknown problem"}` +
        (more > 0 ? ` (and ${more} more problem${more > 1 ? "s" : ""})` : "") +
        ".",
    );
  }
  return parsed.data;
}

/** Loads the built-in banks plus every bank under `extraPaths` (files or folders). */
export async function loadBanks(paths: readonly string[]): Promise<Catalogue> {
  const files = (await Promise.all(paths.map(bankFilesIn))).flat();
  const banks = await Promise.all([...new Set(files)].map(readBank));
  const catalogue = createCatalogue(banks);
  if (!catalogue.ok) throw new BankError(`Banks cannot be combined: ${catalogue.error}.`);
  return catalogue.value;
}
