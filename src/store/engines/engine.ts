import type { Commit } from "../atomic.js";
import type { MemberBoard } from "../member-board.js";
import type { Namespace } from "../namespace.js";

/**
 * One open store: a connection (file, client or pool) shared by its namespaces, so a process
 * holds one Redis connection or one PostgreSQL pool, not one per namespace.
 */
export type Engine = {
  open<V>(namespace: string): Promise<Namespace<V>>;
  /**
   * Boards over the member rows of `namespace`, ranked by the database (SQL) or over summaries
   * kept beside the rows (Redis). Called before open(namespace).
   */
  memberBoard(namespace: string): Promise<MemberBoard>;
  /** Writes records of namespaces opened by open() together, all or none. */
  commit: Commit;
  close(): Promise<void>;
};
