/**
 * The requests a dashboard makes first, answered once in-process before `loupe serve` reports ready.
 * The first answer of a route pays for compiling its code paths (query building, serialisation, the
 * database's statements and pages): measured at 30–70 ms for the connection list during the demo ingest,
 * against 1–10 ms once warm. A load balancer that waits for /readyz then never sends users a cold process.
 */
import type { FastifyInstance } from "fastify";

/** First page of the list (the dashboard's landing request) a few times: V8 optimises hot code after some calls. */
const WARM_UP_URLS: readonly string[] = [
  "/api/info",
  "/api/ingest/status",
  "/api/connections?limit=50",
  "/api/connections?limit=50",
  "/api/connections?limit=50",
];

/**
 * Answers each warm-up request in-process; never throws (a failing route must not stop the start).
 * `headers` authenticate them when sign-in is configured (AuthRuntime.warmUpHeaders).
 */
export async function warmUp(
  app: FastifyInstance,
  headers: Readonly<Record<string, string>> = {},
): Promise<number> {
  let answered = 0;
  for (const url of WARM_UP_URLS) {
    try {
      const response = await app.inject({ method: "GET", url, headers });
      if (response.statusCode < 500) answered++;
    } catch {
      // Only latency is at stake; the route's own error handling reports real failures to users.
    }
  }
  return answered;
}
