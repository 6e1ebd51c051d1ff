/**
 * The demo bucket over HTTP: serves the demo manifest's log objects the way public object storage does
 * (GET/HEAD, ETag, Last-Modified, conditional and range requests, S3-style XML errors). Content is
 * generated per request from the plan, and the last few objects are kept in a small LRU.
 *
 * `createDemoBucketHandler` mounts inside any Node server (it returns false for paths that are not its
 * own); `startDemoBucket` stands one up alone, for tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type DemoObject, makeDemoObject } from "./demo-object.js";
import { SizedLru } from "./lru.js";
import { DEFAULT_COUNT, DEFAULT_SEED } from "./plan.js";

export interface DemoBucketOptions {
  readonly seed?: number;
  readonly count?: number;
  /** URL path the objects live under; default `/demo-bucket/`. */
  readonly prefix?: string;
  /** Bytes of generated objects kept for repeated requests; default 64 MiB. */
  readonly cacheBytes?: number;
}

/** Handles the request and returns true, or returns false (touching nothing) when the path is not its own. */
export type DemoBucketHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export function createDemoBucketHandler(options: DemoBucketOptions = {}): DemoBucketHandler {
  const fleet = { seed: options.seed ?? DEFAULT_SEED, count: options.count ?? DEFAULT_COUNT };
  const prefix = normalisePrefix(options.prefix ?? "/demo-bucket/");
  const cache = new SizedLru<string, DemoObject>(options.cacheBytes ?? 64 * 1024 * 1024);

  const load = (key: string): DemoObject | undefined => {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const object = makeDemoObject(key, fleet);
    if (object !== undefined) cache.set(key, object, object.bytes.length + 256);
    return object;
  };

  return (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (!path.startsWith(prefix)) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      sendError(
        res,
        req,
        405,
        "MethodNotAllowed",
        "The specified method is not allowed against this resource.",
      );
      return true;
    }
    let key: string;
    try {
      key = decodeURIComponent(path.slice(prefix.length));
    } catch {
      sendError(res, req, 400, "InvalidURI", "Couldn't parse the specified URI.");
      return true;
    }
    // Like a public bucket that does not grant listing.
    if (key === "") {
      sendError(res, req, 403, "AccessDenied", "Access Denied");
      return true;
    }
    const stored = load(key);
    if (stored === undefined) sendError(res, req, 404, "NoSuchKey", "The specified key does not exist.", key);
    else sendObject(req, res, stored);
    return true;
  };
}

function sendObject(req: IncomingMessage, res: ServerResponse, stored: DemoObject): void {
  res.setHeader("etag", stored.etag);
  res.setHeader("last-modified", stored.lastModified);
  res.setHeader("accept-ranges", "bytes");
  if (notModified(req, stored)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const total = stored.bytes.length;
  const range = parseRange(req.headers.range, total);
  if (range === "unsatisfiable") {
    res.setHeader("content-range", `bytes */${total}`);
    sendError(res, req, 416, "InvalidRange", "The requested range is not satisfiable");
    return;
  }
  const body = range === undefined ? stored.bytes : stored.bytes.subarray(range[0], range[1] + 1);
  res.statusCode = range === undefined ? 200 : 206;
  if (range !== undefined) res.setHeader("content-range", `bytes ${range[0]}-${range[1]}/${total}`);
  res.setHeader("content-type", "text/plain; charset=utf-8");
  res.setHeader("content-length", body.length);
  if (req.method === "HEAD") res.end();
  else res.end(body);
}

/** If-None-Match wins over If-Modified-Since, as in RFC 9110. */
function notModified(req: IncomingMessage, stored: DemoObject): boolean {
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(",").some((tag) => {
      const t = tag.trim();
      return t === "*" || t === stored.etag || t === `W/${stored.etag}`;
    });
  }
  const ifModifiedSince = req.headers["if-modified-since"];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && stored.lastModifiedMs <= since;
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; anything else is ignored (whole object). */
function parseRange(
  header: string | undefined,
  total: number,
): [number, number] | "unsatisfiable" | undefined {
  const m = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (m === null) return undefined;
  const [, from = "", to = ""] = m;
  if (from === "" && to === "") return undefined;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0 || total === 0) return "unsatisfiable";
    return [Math.max(0, total - suffix), total - 1];
  }
  const start = Number(from);
  if (start >= total) return "unsatisfiable";
  const end = to === "" ? total - 1 : Math.min(Number(to), total - 1);
  return end < start ? undefined : [start, end];
}

const escapeXml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** An S3-style XML error. */
function sendError(
  res: ServerResponse,
  req: IncomingMessage,
  status: number,
  code: string,
  message: string,
  key?: string,
): void {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>` +
    `${key === undefined ? "" : `<Key>${escapeXml(key)}</Key>`}</Error>\n`;
  res.statusCode = status;
  res.setHeader("content-type", "application/xml");
  res.setHeader("content-length", Buffer.byteLength(body));
  if (req.method === "HEAD") res.end();
  else res.end(body);
}

function normalisePrefix(prefix: string): string {
  const leading = prefix.startsWith("/") ? prefix : `/${prefix}`;
  return leading.endsWith("/") ? leading : `${leading}/`;
}

export interface StartDemoBucketOptions extends DemoBucketOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
}

export interface RunningDemoBucket {
  /** Base URL of the objects, ending in `/`: pass it as the manifest's `baseUrl`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** A tiny HTTP server with only the bucket (anything else answers 404). */
export async function startDemoBucket(options: StartDemoBucketOptions = {}): Promise<RunningDemoBucket> {
  const host = options.host ?? "127.0.0.1";
  const prefix = normalisePrefix(options.prefix ?? "/demo-bucket/");
  const handle = createDemoBucketHandler({ ...options, prefix });
  const server = createServer((req, res) => {
    if (!handle(req, res)) {
      res.statusCode = 404;
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.end("not found\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}${prefix}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
