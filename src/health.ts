import { createServer, type Server } from "node:http";

export type HealthReport = { ok: boolean } & Record<string, unknown>;

/**
 * GET /healthz answers 200 with the report when everything is up and 503 when not, so a
 * container's HEALTHCHECK (or a load balancer) can act on it. Nothing else is served.
 */
export async function startHealthServer(
  port: number,
  check: () => Promise<HealthReport>,
): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url?.split("?")[0] !== "/healthz") {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    check().then(
      (report) =>
        response
          .writeHead(report.ok ? 200 : 503, { "content-type": "application/json" })
          .end(JSON.stringify(report)),
      (error: unknown) =>
        response
          .writeHead(503, { "content-type": "application/json" })
          .end(JSON.stringify({ ok: false, error: (error as Error).message })),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  return server;
}
