import type { ServerResponse } from "node:http";

/** The names of the server-sent events (playground/API.md). */
export type EventName =
  | "message"
  | "message-update"
  | "message-delete"
  | "channel"
  | "modal"
  | "interaction-failed"
  | "clock";

/** Keeps the open `GET /api/events` streams and writes each event to all of them. */
export class EventStream {
  readonly #clients = new Set<ServerResponse>();
  readonly #heartbeat: NodeJS.Timeout;

  constructor() {
    // A comment line now and then keeps proxies and browsers from closing an idle stream.
    this.#heartbeat = setInterval(() => {
      for (const res of this.#clients) res.write(": keep-alive\n\n");
    }, 15_000).unref();
  }

  open(res: ServerResponse): void {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    res.write(": connected\n\n");
    this.#clients.add(res);
    res.on("close", () => this.#clients.delete(res));
  }

  send(event: EventName, data: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of this.#clients) res.write(frame);
  }

  close(): void {
    clearInterval(this.#heartbeat);
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }
}
