import type { IncomingMessage, ServerResponse } from "node:http";
import type { FileMeta } from "./types.js";

export interface ParsedBody {
  /** The JSON body, or for multipart the parsed `payload_json` part. */
  json: unknown;
  files: FileMeta[];
  kind: "none" | "json" | "multipart" | "other";
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { json: undefined, files: [], kind: "none" };
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") {
    return { json: JSON.parse(raw.toString("utf8")) as unknown, files: [], kind: "json" };
  }
  if (type === "multipart/form-data") return parseMultipart(raw, contentType ?? "");
  return { json: raw.toString("utf8"), files: [], kind: "other" };
}

// The runtime's own Fetch API parses multipart exactly as a server would; no hand-rolled parser.
async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  const files: FileMeta[] = [];
  let json: unknown;
  for (const [field, value] of form.entries()) {
    if (typeof value === "string") {
      if (field === "payload_json") json = JSON.parse(value) as unknown;
      continue;
    }
    const data = new Uint8Array(await value.arrayBuffer());
    files.push({ field, filename: value.name, contentType: value.type, size: value.size, data });
  }
  return { json, files, kind: "multipart" };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text).toString(),
      ...headers,
    })
    .end(text);
}
