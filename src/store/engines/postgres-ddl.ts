import type { Pool, PoolClient } from "pg";

/**
 * Runs set-up statements in one transaction holding the schema's advisory lock: two processes
 * starting at once would otherwise race on the catalogue (and on a first fill of a table).
 */
export async function underSchemaLock(
  pool: Pool,
  schema: string,
  work: (client: PoolClient) => Promise<void>,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`daily-drill:${schema}`]);
    await work(client);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
