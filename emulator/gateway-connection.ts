import { constants, createDeflate, type Deflate } from "node:zlib";
import type { WebSocket } from "ws";

export interface GatewayPayload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

export interface Session {
  id: string;
  shardId: number;
  shardCount: number;
  intents: number;
  seq: number;
  /** The last REPLAY_LIMIT dispatches of this session, replayed on RESUME. */
  events: GatewayPayload[];
  connection: GatewayConnection | null;
}

/** One websocket. Sends JSON text, or a zlib-stream when the client asked for `compress`. */
export class GatewayConnection {
  session: Session | null = null;
  readonly #deflate: Deflate | null;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    readonly ws: WebSocket,
    compress: string | null,
  ) {
    this.#deflate = compress === "zlib-stream" ? createDeflate() : null;
  }

  send(payload: GatewayPayload): void {
    const text = JSON.stringify(payload);
    const deflate = this.#deflate;
    if (!deflate) {
      this.ws.send(text);
      return;
    }
    // One shared zlib context per connection; each payload ends with a sync flush (00 00 ff ff).
    this.#queue = this.#queue.then(
      () =>
        new Promise<void>((resolve) => {
          const chunks: Buffer[] = [];
          const collect = (chunk: Buffer) => chunks.push(chunk);
          deflate.on("data", collect);
          deflate.write(text);
          deflate.flush(constants.Z_SYNC_FLUSH, () => {
            deflate.off("data", collect);
            if (this.ws.readyState === this.ws.OPEN) this.ws.send(Buffer.concat(chunks));
            resolve();
          });
        }),
    );
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  dispose(): void {
    this.#deflate?.destroy();
  }
}

export function opPayload(op: number, d: unknown = null): GatewayPayload {
  return { op, d, s: null, t: null };
}

/**
 * Dispatches a session keeps for RESUME. Discord's buffer is bounded too; unbounded, a session
 * that received 10,000 GUILD_CREATEs would hold them all, and the emulator's garbage collection
 * would slow with it (its pauses delay when requests are stamped, see bench/README.md).
 */
export const REPLAY_LIMIT = 1_000;

/** Numbers and records the event; a disconnected session keeps it for a RESUME to replay. */
export function dispatchTo(session: Session, t: string, d: unknown): void {
  session.seq += 1;
  const payload: GatewayPayload = { op: 0, t, s: session.seq, d };
  session.events.push(payload);
  // Trimmed in batches, so dispatching stays O(1) on average.
  if (session.events.length >= 2 * REPLAY_LIMIT) session.events.splice(0, REPLAY_LIMIT);
  session.connection?.send(payload);
}

/** Whether every dispatch after `seq` is still kept, so a RESUME from it loses nothing. */
export function canReplayAfter(session: Session, seq: number): boolean {
  const oldest = session.events[0]?.s ?? session.seq + 1;
  return seq + 1 >= oldest;
}
