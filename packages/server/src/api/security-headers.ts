/**
 * Security headers on every response: the dashboard, its assets, the API's JSON, errors, 404s and the raw
 * mounts (the demo bucket hijacks its replies, so the headers are set on the Node response itself, in
 * `onRequest`, before any handler can write).
 *
 * The page's policy is the strictest that the dashboard works under (docs/design.md, "Safety"): scripts,
 * styles, fetches and images from its own origin only. `style-src 'self'` has no 'unsafe-inline': React's
 * `style` props, the virtualizer's row offsets and uPlot's sizes and cursor positions are all written
 * through the CSSOM (`element.style.x = …`), which CSP does not govern; only style *attributes* in markup
 * or via setAttribute, and `<style>` elements, need 'unsafe-inline', and the page has neither. The
 * browser tests (packages/web/test) fail on any CSP violation.
 *
 * Swagger UI at /docs is a third-party page that injects an inline style (Chromium refuses it under the
 * page's policy), so its own routes get `style-src 'self' 'unsafe-inline'`; nothing else is loosened
 * (scripts stay 'self', and no log text reaches that page). A hash would be stricter but would break
 * silently on the next swagger-ui release.
 *
 * Why not helmet (@fastify/helmet): this plugin predates the decision, is ~100 lines, and does what
 * helmet cannot without the same extra code: two policies by path, and the headers written onto the Node
 * response in onRequest, so replies that bypass Fastify's hooks (the demo bucket's hijacked replies,
 * frameworkErrors) carry them too. It sends every header helmet sends by default, as strict or stricter
 * (frame-ancestors 'none' and X-Frame-Options DENY where helmet allows same-origin), except
 * Strict-Transport-Security: Loupe speaks plain HTTP behind whatever terminates TLS, and HSTS belongs
 * there (docs/deploy.md). The test lists helmet's defaults header by header.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";

type Directives = Readonly<Record<string, readonly string[]>>;

const PAGE_DIRECTIVES: Directives = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "frame-ancestors": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'self'"],
};

const DOCS_DIRECTIVES: Directives = {
  ...PAGE_DIRECTIVES,
  "style-src": ["'self'", "'unsafe-inline'"],
};

export function serializePolicy(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

export const PAGE_CSP = serializePolicy(PAGE_DIRECTIVES);
export const DOCS_CSP = serializePolicy(DOCS_DIRECTIVES);

const COMMON_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  // No other site may embed the API's JSON or the page's files (no-cors reads, Spectre-style leaks).
  "cross-origin-resource-policy": "same-origin",
  "origin-agent-cluster": "?1",
  "x-dns-prefetch-control": "off",
  "x-permitted-cross-domain-policies": "none",
  "x-download-options": "noopen",
  // Turns off old browsers' XSS auditor, which itself opened holes; the CSP is the protection.
  "x-xss-protection": "0",
  // For browsers that predate frame-ancestors.
  "x-frame-options": "DENY",
};

/** /docs, /docs/, /docs/static/…, /docs/json: Swagger UI's own routes. */
function isDocsPath(url: string): boolean {
  const path = url.split("?")[0] ?? "";
  return path === "/docs" || path.startsWith("/docs/");
}

/** The headers for a request to `url` (exported for tests and for handlers that bypass hooks). */
export function securityHeadersFor(url: string): Readonly<Record<string, string>> {
  return {
    ...COMMON_HEADERS,
    "content-security-policy": isDocsPath(url) ? DOCS_CSP : PAGE_CSP,
  };
}

/** Writes the headers onto the Node response: they survive `reply.hijack()` and Fastify's own replies. */
export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  for (const [name, value] of Object.entries(securityHeadersFor(request.url))) {
    if (!reply.raw.headersSent) reply.raw.setHeader(name, value);
  }
}

/**
 * For handlers Fastify calls without running hooks: `frameworkErrors` (a URL the router cannot decode,
 * such as /api/connections/%zz) answers before any onRequest hook.
 */
export function withSecurityHeaders<E>(
  handler: (error: E, request: FastifyRequest, reply: FastifyReply) => FastifyReply,
): (error: E, request: FastifyRequest, reply: FastifyReply) => FastifyReply {
  return (error, request, reply) => {
    applySecurityHeaders(request, reply);
    return handler(error, request, reply);
  };
}

export const securityHeadersPlugin = fp(
  async (app) => {
    app.addHook("onRequest", async (request, reply) => {
      applySecurityHeaders(request, reply);
    });
  },
  { name: "loupe-security-headers" },
);
