import type Keyv from "keyv";

/**
 * Keyv's own (de)serialisation, so a row written by the atomic operations reads back through
 * `keyv.get` and the other way round. Plain JSON would not do: Keyv escapes strings that start
 * with ":" and unescapes them on read.
 */
export type Codec = {
  encode(value: unknown): Promise<string>;
  /** Many rows at once: most decode synchronously, without a promise each. */
  decodeAll<V>(raws: string[]): Promise<V[]>;
};

/**
 * Keyv's default reviver only changes string values that start with ":" (escaped ones, and
 * ":base64:" buffers); plain JSON.parse is about twice as fast on a 10k-member board. Such a
 * value opens with a quote right after `:` (in an object), `[` or `,` (in an array) or at the
 * start, followed by a colon; an escaped quote inside a string is preceded by a backslash.
 */
const MAY_HOLD_ESCAPES = /(^|[:,[])\s*":/;

/** For Keyv instances with the default serializer (ours never set another). */
export function keyvCodec(keyv: Pick<Keyv, "serializeData" | "deserializeData">): Codec {
  return {
    async encode(value) {
      const raw = await keyv.serializeData({ value });
      if (typeof raw !== "string") throw new Error("Keyv's serializer did not produce text");
      return raw;
    },
    async decodeAll<V>(raws: string[]) {
      const values: V[] = [];
      for (const raw of raws) {
        values.push(
          MAY_HOLD_ESCAPES.test(raw)
            ? ((await keyv.deserializeData<V>(raw))?.value as V)
            : (JSON.parse(raw) as { value: V }).value,
        );
      }
      return values;
    },
  };
}

/** Rows of a SQL table shared by namespaces, as entries keyed without the namespace prefix. */
export async function entriesOfRows<V>(
  codec: Codec,
  namespace: string,
  rows: readonly { key: string; value: string }[],
): Promise<{ key: string; value: V }[]> {
  const values = await codec.decodeAll<V>(rows.map((row) => row.value));
  return rows.map((row, i) => ({
    key: row.key.slice(namespace.length + 1),
    value: values[i] as V,
  }));
}
