/**
 * The one place that decides who gets in. Routes declare what they need with `onRequest:
 * requireScope("read" | "ingest")`; the guard resolves the caller (caller.ts) and answers 401 (no or bad
 * credentials), 403 (a token without that scope, or a cookie-authenticated change without the CSRF
 * header) before the request body is even read.
 *
 * Fails closed: registering an /api route that declares no scope throws at start. /docs (Swagger UI and
 * the OpenAPI document) and /metrics are third-party routes that cannot declare: they get `read` here.
 * Everything else is public on purpose: /healthz and /readyz (probes carry no credentials), the page's
 * own files (it must load to offer "Sign in"), /auth/* (how one signs in) and the demo bucket's mount.
 */
import { randomBytes } from "node:crypto";
import fastifyCookie from "@fastify/cookie";
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestHookHandler,
  RouteOptions,
} from "fastify";
import fp from "fastify-plugin";
import { ApiError } from "../api/errors.js";
import { ErrorBodySchema } from "../api/schemas/common.js";
import type { ApiScope, AuthStore } from "../store/store.js";
import { BEARER_CHALLENGE, type Caller, createCallerResolver, OPEN_CALLER } from "./caller.js";
import { type CookieNames, cookieNames } from "./cookies.js";
import { CSRF_HEADER, checkCsrf } from "./csrf.js";
import type { AuthSettings } from "./settings.js";

export type RouteAccess = ApiScope | "public";

export interface AuthRuntime {
  /** false: open access (no auth configured). */
  readonly enabled: boolean;
  readonly settings: AuthSettings | undefined;
  readonly cookies: CookieNames | undefined;
  /** For `loupe serve`'s in-process warm-up requests only: a per-process secret, never stored or sent. */
  readonly warmUpHeaders: Readonly<Record<string, string>>;
  /** Every registered route and what it requires (the security tests check this list). */
  readonly routes: readonly { readonly method: string; readonly url: string; readonly access: RouteAccess }[];
  resolve(request: FastifyRequest): Promise<Caller | undefined>;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the guard: who is calling. */
    loupeCaller: Caller | undefined;
  }
  interface FastifyInstance {
    loupeAuth: AuthRuntime;
  }
}

const SCOPE = Symbol("loupe.requiredScope");
type Guard = onRequestHookHandler & { [SCOPE]?: ApiScope };
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Third-party routes that cannot declare a scope themselves. */
const READ_BY_DEFAULT = ["/docs", "/metrics"];

/** The route's guard: `app.get(url, { onRequest: requireScope("read"), … }, handler)`. */
export function requireScope(scope: ApiScope): onRequestHookHandler {
  const guard: Guard = async function guard(request: FastifyRequest, _reply: FastifyReply) {
    const auth = request.server.loupeAuth;
    const caller = request.loupeCaller ?? (await auth.resolve(request));
    if (caller === undefined) {
      throw new ApiError(
        "unauthenticated",
        "Sign in (/auth/login), or send an API token as 'Authorization: Bearer loupe_…'.",
        { "www-authenticate": BEARER_CHALLENGE },
      );
    }
    if (!caller.scopes.includes(scope)) {
      throw new ApiError(
        "insufficient_scope",
        `This route requires an API token with the '${scope}' scope.`,
        {
          "www-authenticate": `${BEARER_CHALLENGE}, error="insufficient_scope", scope="${scope}"`,
        },
      );
    }
    // A cookie rides along on any request the browser makes; a header only on the page's own requests.
    if (caller.session !== undefined && !SAFE_METHODS.has(request.method)) {
      checkCsrf(request.headers[CSRF_HEADER], caller.session.csrfToken);
    }
    request.loupeCaller = caller;
  };
  guard[SCOPE] = scope;
  return guard;
}

/** The caller a guarded route's handler serves (the guard ran: it is set). */
export function callerOf(request: FastifyRequest): Caller {
  const caller = request.loupeCaller;
  if (caller === undefined) throw new Error(`${request.method} ${request.url} has no requireScope guard`);
  return caller;
}

function declaredScope(hooks: RouteOptions["onRequest"]): ApiScope | undefined {
  const list = hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];
  return list.map((hook) => (hook as Guard)[SCOPE]).find((scope) => scope !== undefined);
}

function under(url: string, prefix: string): boolean {
  return url === prefix || url.startsWith(`${prefix}/`);
}

/** Registered before any route: sees (and checks) every route added after it. */
export const authPlugin = fp<{ store: AuthStore; settings: AuthSettings | undefined }>(
  async (app: FastifyInstance, { store, settings }) => {
    const cookies = settings === undefined ? undefined : cookieNames(settings);
    if (settings !== undefined) await app.register(fastifyCookie, { secret: settings.sessionSecret });
    const warmUpToken = randomBytes(32).toString("base64url");
    const resolver =
      cookies === undefined
        ? { resolve: async () => OPEN_CALLER }
        : createCallerResolver({ store, cookies, warmUpToken });
    const routes: { method: string; url: string; access: RouteAccess }[] = [];

    app.decorateRequest("loupeCaller", undefined);
    app.decorate<AuthRuntime>("loupeAuth", {
      enabled: settings !== undefined,
      settings,
      cookies,
      warmUpHeaders: settings === undefined ? {} : { authorization: `Bearer ${warmUpToken}` },
      routes,
      resolve: (request) => resolver.resolve(request),
    });

    app.addHook("onRoute", (route) => {
      let access: RouteAccess = declaredScope(route.onRequest) ?? "public";
      if (access === "public" && under(route.url, "/api")) {
        throw new Error(`${String(route.method)} ${route.url} declares no scope: add requireScope()`);
      }
      if (access === "public" && READ_BY_DEFAULT.some((prefix) => under(route.url, prefix))) {
        const hooks = route.onRequest === undefined ? [] : [route.onRequest].flat();
        route.onRequest = [requireScope("read"), ...hooks];
        access = "read";
      }
      if (access !== "public") documentGuard(route);
      for (const method of [route.method].flat()) routes.push({ method, url: route.url, access });
    });
  },
  { name: "loupe-auth" },
);

/** The OpenAPI document states the credentials and the 401/403 answers of every guarded route. */
function documentGuard(route: RouteOptions): void {
  const schema = (route.schema ?? {}) as { security?: unknown; response?: Record<string, unknown> };
  if (route.schema === undefined) return;
  schema.security = [{ bearerToken: [] }, { sessionCookie: [] }];
  schema.response = { ...schema.response, 401: ErrorBodySchema, 403: ErrorBodySchema };
}
