import { discordErrors } from "./errors.js";
import type { JsonObject } from "./types.js";

/**
 * Discord's "Embed Limits" (Channel resource docs): "Embed titles are limited to 256
 * characters", "Embed descriptions are limited to 4096 characters", "There can be up to 25
 * fields", "A field's name is limited to 256 characters and its value to 1024 characters",
 * "The footer text is limited to 2048 characters", "The author name is limited to 256
 * characters", and "The combined sum of characters in all title, description, field.name,
 * field.value, footer.text, and author.name fields across all embeds attached to a message must
 * not exceed 6000 characters". Create Message: "embeds: Up to 10 rich embeds (up to 6000
 * characters)". A message breaking one is refused with 50035 Invalid Form Body.
 */
export function checkEmbeds(embeds: unknown): void {
  if (!Array.isArray(embeds)) return;
  if (embeds.length > 10) throw invalid("embeds", "Must be 10 or fewer in length.");
  let total = 0;
  embeds.forEach((raw: JsonObject, i) => {
    const limited = (path: string, value: unknown, max: number) => {
      if (typeof value !== "string") return;
      if (value.length > max)
        throw invalid(`embeds.${i}.${path}`, `Must be ${max} or fewer in length.`);
      total += value.length;
    };
    limited("title", raw["title"], 256);
    limited("description", raw["description"], 4096);
    limited("footer.text", (raw["footer"] as JsonObject | undefined)?.["text"], 2048);
    limited("author.name", (raw["author"] as JsonObject | undefined)?.["name"], 256);
    const fields = Array.isArray(raw["fields"]) ? (raw["fields"] as JsonObject[]) : [];
    if (fields.length > 25) throw invalid(`embeds.${i}.fields`, "Must be 25 or fewer in length.");
    fields.forEach((field, f) => {
      limited(`fields.${f}.name`, field["name"], 256);
      limited(`fields.${f}.value`, field["value"], 1024);
    });
  });
  if (total > 6000) throw invalid("embeds", "Embed size exceeds maximum size of 6000");
}

const invalid = (path: string, message: string) =>
  discordErrors.invalidFormBody(`${path}: ${message}`);
