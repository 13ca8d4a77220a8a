/** A server-sent event as read off the stream. */
type Frame = { event: string; data: unknown };

export type EventReader = {
  /** The first event named `event` (already received or still to come) that `match` accepts. */
  next<T = never>(event: string, match: (data: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
};

/** Reads `text/event-stream` with fetch, as a browser's EventSource would. */
export async function openEvents(url: string): Promise<EventReader> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`GET ${url}: ${res.status}`);
  const frames: Frame[] = [];
  const waiting = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const frame = parseFrame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (frame) frames.push(frame);
        }
        for (const wake of [...waiting]) wake();
      }
    } catch {
      // closed by close()
    }
  })();
  return {
    next<T>(event: string, match: (data: T) => boolean, timeoutMs = 10_000) {
      const find = () => {
        const index = frames.findIndex((f) => f.event === event && match(f.data as T));
        return index === -1 ? undefined : (frames.splice(index, 1)[0]?.data as T);
      };
      const found = find();
      if (found !== undefined) return Promise.resolve(found);
      return new Promise<T>((resolve, reject) => {
        const wake = () => {
          const value = find();
          if (value === undefined) return;
          waiting.delete(wake);
          clearTimeout(timer);
          resolve(value);
        };
        const timer = setTimeout(() => {
          waiting.delete(wake);
          const seen = frames.map((f) => f.event).join(", ");
          reject(new Error(`no matching "${event}" event within ${timeoutMs} ms; unread: ${seen}`));
        }, timeoutMs);
        waiting.add(wake);
      });
    },
    close: () => abort.abort(),
  };
}

function parseFrame(text: string): Frame | undefined {
  let event = "message";
  const data: string[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("event: ")) event = line.slice(7);
    else if (line.startsWith("data: ")) data.push(line.slice(6));
  }
  return data.length === 0 ? undefined : { event, data: JSON.parse(data.join("\n")) as unknown };
}
