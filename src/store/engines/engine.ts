import type { Namespace } from "../namespace.js";

/**
 * One open store: a connection (file, client or pool) shared by its namespaces, so a process
 * holds one Redis connection or one PostgreSQL pool, not one per namespace.
 */
export type Engine = {
  open<V>(namespace: string): Promise<Namespace<V>>;
  close(): Promise<void>;
};
