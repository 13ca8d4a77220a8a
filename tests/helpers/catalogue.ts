import { join } from "node:path";
import { loadBanks } from "../../src/bank/load-banks.js";
import { DEFAULT_BANK_DIR } from "../../src/paths.js";

export const EXTRA_BANK = join(import.meta.dirname, "..", "fixtures", "banks", "extra.json");

/** The real built-in bank, as the bot loads it. */
export const loadBuiltInCatalogue = () => loadBanks([DEFAULT_BANK_DIR]);
