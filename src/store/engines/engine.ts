import type { MemberBoard } from "../member-board.js";
import type { Namespace } from "../namespace.js";

/**
 * One open store: a connection (file, client or pool) shared by its namespaces, so a process
 * holds one Redis connection or one PostgreSQL pool, not one per namespace.
 */
export type Engine = {
  open<V>(namespace: string): Promise<Namespace<V>>;
  /**
   * Boards ranked by the database over the member rows of `namespace`. Without it (Redis), the
   * rows are ranked in this process.
   */
  memberBoard?(namespace: string): Promise<MemberBoard>;
  close(): Promise<void>;
};
