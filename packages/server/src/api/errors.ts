/**
 * Every error the API answers, in one list: a stable code (clients and scripts switch on it) and its HTTP
 * status. Every error response is `{ "error": code, "message": human text }`, whoever raised it: a route
 * (ApiError), the store (InvalidCursorError), Fastify itself (validation, bad URL, body limits) or a bug.
 */
import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { isDatabaseUnavailable } from "../store/database-unavailable.js";
import { InvalidCursorError } from "../store/store.js";
import { validationMessage } from "./validation-message.js";

export const API_ERRORS = {
  bad_request: { status: 400, description: "The request cannot be understood (malformed URL or body)." },
  invalid_parameter: {
    status: 400,
    description: "A path or query parameter, or the request body, is missing or out of range.",
  },
  invalid_cursor: { status: 400, description: "The cursor was not issued by this server for this query." },
  unauthenticated: {
    status: 401,
    description:
      "Sign-in is required: sign in (/auth/login), or send an API token as `Authorization: Bearer loupe_…`.",
  },
  invalid_token: { status: 401, description: "The API token is malformed, unknown or revoked." },
  insufficient_scope: { status: 403, description: "The API token lacks the scope this route requires." },
  csrf_failed: {
    status: 403,
    description:
      "A state-changing request authenticated by the sign-in cookie lacks the session's `X-CSRF-Token` header.",
  },
  sign_in_refused: {
    status: 403,
    description:
      "The identity provider's account may not use Loupe (e-mail not verified or domain not allowed).",
  },
  sign_in_failed: {
    status: 400,
    description: "The sign-in could not be completed (expired or foreign attempt, or the provider refused).",
  },
  not_found: { status: 404, description: "No such route, or no such connection." },
  method_not_allowed: { status: 405, description: "The route exists but not for this method." },
  request_timeout: {
    status: 408,
    description: "The request's headers (10 s) or the whole request (30 s) took too long to arrive.",
  },
  payload_too_large: { status: 413, description: "The request body is over the size limit." },
  unsupported_media_type: { status: 415, description: "The request body's content type is not accepted." },
  headers_too_large: { status: 431, description: "The request's headers are over the size limit." },
  rate_limited: {
    status: 429,
    description:
      "Too many requests from this client in the last minute (`loupe serve --rate-limit`); try again " +
      "after Retry-After seconds.",
  },
  unavailable: {
    status: 503,
    description:
      "The process is starting, or the database is not ready or cannot be reached; try again after " +
      "Retry-After seconds.",
  },
  internal: {
    status: 500,
    description: "A bug in Loupe: the server log has the details under the request id.",
  },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof API_ERRORS;

export interface ErrorBody {
  readonly error: ErrorCode;
  readonly message: string;
}

/** Thrown by routes for an expected failure; the handler turns it into the JSON error with its status. */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Sent with the error, e.g. `WWW-Authenticate` on a 401. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  get statusCode(): number {
    return API_ERRORS[this.code].status;
  }
}

export function notFound(what: string): ApiError {
  return new ApiError("not_found", `${what} does not exist`);
}

/** What a 503 tells clients to wait before trying again. */
export const RETRY_AFTER_SECONDS = 2;

/** The one error handler: maps anything thrown to a code, logs what is a bug, answers JSON. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isDatabaseUnavailable(error)) {
    // Not a bug, and worth retrying: the database is restarting, failing over or unreachable.
    request.log.warn({ err: error, reqId: request.id }, "database unavailable");
    const body: ErrorBody = {
      error: "unavailable",
      message: "The database cannot be reached; try again shortly.",
    };
    return reply
      .code(503)
      .header("retry-after", String(RETRY_AFTER_SECONDS))
      .type("application/json; charset=utf-8")
      .send(body);
  }
  if (error instanceof ApiError) reply.headers(error.headers);
  const body = toErrorBody(error, request);
  const status = API_ERRORS[body.error].status;
  if (body.error === "unavailable") {
    // Starting or not ready: expected, and worth retrying.
    reply.header("retry-after", String(RETRY_AFTER_SECONDS));
  } else if (status >= 500) {
    // A 5xx is a bug: the message sent to the client names the request id, the log has the stack.
    request.log.error({ err: error, reqId: request.id }, "request failed");
  }
  return reply.code(status).type("application/json; charset=utf-8").send(body);
}

/**
 * Errors Node raises before there is a request to route (a client too slow to send its request, headers
 * over the size limit, bytes that are not HTTP): answered on the socket, in the same JSON shape, and the
 * connection closed. Fastify's own handler would answer `{"error": "Request Timeout", …}`.
 */
export function handleClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has no one left to answer.
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const body: ErrorBody =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? { error: "request_timeout", message: "The request took too long to arrive" }
      : error.code === "HPE_HEADER_OVERFLOW"
        ? { error: "headers_too_large", message: "The request's headers are too large" }
        : { error: "bad_request", message: "The request is not valid HTTP" };
  const status = API_ERRORS[body.error].status;
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy();
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: "Bad Request",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
};

/** Unknown routes answer 404 JSON too (the dashboard's own pages are served before this, see web.ts). */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body: ErrorBody = {
    error: "not_found",
    message: `Route ${request.method} ${pathOf(request)} not found`,
  };
  return reply.code(404).type("application/json; charset=utf-8").send(body);
}

function toErrorBody(error: unknown, request: FastifyRequest): ErrorBody {
  if (error instanceof ApiError) return { error: error.code, message: error.message };
  if (error instanceof InvalidCursorError) {
    return { error: "invalid_cursor", message: "The cursor is invalid; start again without one." };
  }
  const fastifyError = error as Partial<FastifyError> | null;
  if (fastifyError?.validation !== undefined) {
    return {
      error: "invalid_parameter",
      message: validationMessage(fastifyError.validation, fastifyError.validationContext),
    };
  }
  const status = fastifyError?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return { error: codeForClientStatus(status), message: clientMessage(fastifyError) };
  }
  return {
    error: "internal",
    message: `Internal error (request ${request.id}); this is a bug, please report it.`,
  };
}

/** Fastify's own 4xx errors (bad URL, body parser, limits), mapped by status to the list above. */
function codeForClientStatus(status: number): ErrorCode {
  switch (status) {
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 413:
      return "payload_too_large";
    case 415:
      return "unsupported_media_type";
    default:
      return "bad_request";
  }
}

function clientMessage(error: Partial<FastifyError> | null): string {
  const message = error?.message;
  if (typeof message !== "string" || message === "") return "Bad request";
  // Fastify's messages may quote the URL: keep the echo short.
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

/** The path without the query string, cut short: it is echoed back and must not be a megabyte. */
function pathOf(request: FastifyRequest): string {
  const path = request.url.split("?")[0] ?? "";
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}
