import type { JsonObject, StoredMessage } from "../emulator/index.js";

/** A message as the page gets it: Discord's message object, plus who alone may see it. */
export type MessageView = JsonObject & { id: string; channel_id: string; ephemeralFor?: string };

const EPHEMERAL = 64;
const CDN = /^https:\/\/(cdn\.discordapp\.com|media\.discordapp\.net)(?=\/attachments\/)/;

/**
 * Discord's message object, as the emulator keeps it, made loadable by the page: attachment URLs
 * point at the playground (`/attachments/...`, which serves what the bot uploaded) and an embed's
 * `attachment://name` is the URL of that attachment, as Discord resolves it.
 */
export function viewMessage(message: StoredMessage): MessageView {
  const copy = structuredClone(message) as MessageView;
  const attachments = (copy["attachments"] as JsonObject[] | undefined) ?? [];
  for (const attachment of attachments) {
    for (const key of ["url", "proxy_url"]) {
      const url = attachment[key];
      if (typeof url === "string") attachment[key] = url.replace(CDN, "");
    }
  }
  const byName = (url: unknown) => {
    if (typeof url !== "string" || !url.startsWith("attachment://")) return url;
    const name = url.slice("attachment://".length);
    return attachments.find((a) => a["filename"] === name)?.["url"] ?? url;
  };
  for (const embed of (copy["embeds"] as JsonObject[] | undefined) ?? []) {
    for (const key of ["image", "thumbnail"]) {
      const media = embed[key] as JsonObject | undefined;
      if (media) media["url"] = byName(media["url"]);
    }
  }
  const reader = ephemeralReader(message);
  if (reader) copy.ephemeralFor = reader;
  return copy;
}

/** Who alone sees an ephemeral message: the member whose interaction it answers. */
export function ephemeralReader(message: StoredMessage): string | undefined {
  if ((message.flags & EPHEMERAL) === 0) return undefined;
  const metadata = message["interaction_metadata"] as { user?: { id?: string } } | undefined;
  return metadata?.user?.id;
}

/** Discord's order: by id (snowflakes grow with time). */
export function byId(a: { id: string }, b: { id: string }): number {
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x < y ? -1 : x > y ? 1 : 0;
}
