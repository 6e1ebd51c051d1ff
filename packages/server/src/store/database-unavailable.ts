/**
 * Whether an error means "the database cannot be reached right now" rather than a bug: the API answers
 * those with 503 and Retry-After (clients and load balancers retry), the pipeline keeps polling, and
 * nothing is lost because nothing was written. Recognised by the codes drivers attach, not by messages
 * alone, except for node-postgres's own pool and connection errors, which carry none.
 */

/** Socket-level failures (Node's error codes) on the way to the database server. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01–57P03 (the server is shutting down,
 * crashed or starting), 53300 (too many connections).
 */
function isUnavailableSqlState(code: string): boolean {
  return (
    code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300"
  );
}

/** node-postgres's own errors, which have no code. */
const PG_CLIENT_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
  /^Cannot use a pool after calling end on the pool/,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") {
      if (NETWORK_CODES.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && isUnavailableSqlState(code)) return true;
      // SQLite: another process holds the write lock for longer than busy_timeout.
      if (code === "SQLITE_BUSY") return true;
    }
    if (PG_CLIENT_MESSAGES.some((pattern) => pattern.test(current instanceof Error ? current.message : ""))) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
