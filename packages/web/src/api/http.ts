/** Every API call goes through here: JSON in and out, and one error type that carries the API's words. */
import type { ErrorBody } from "./types.js";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type QueryValue = string | number | boolean | undefined | null;

/**
 * The signed-in session's CSRF token (from GET /api/info), sent with every change: the server refuses
 * cookie-authenticated PUT, POST and DELETE without it. null with open access.
 */
let csrfToken: string | null = null;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** "Sign-in required" (a 401 from any request): the page then offers "Sign in" (SignInGate). */
type Listener = () => void;
let signInRequired = false;
const listeners = new Set<Listener>();

export const signInState = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  required: (): boolean => signInRequired,
};

function requireSignIn(): void {
  if (signInRequired) return;
  signInRequired = true;
  for (const listener of listeners) listener();
}

/** `/api/...` plus the defined parameters; false booleans are left out (the API treats absence as "no filter"). */
export function apiUrl(path: string, params: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    search.set(key, String(value));
  }
  const query = search.toString();
  return `/api${path}${query ? `?${query}` : ""}`;
}

export async function apiFetch<T>(
  url: string,
  init: RequestInit & { signal?: AbortSignal } = {},
): Promise<T> {
  let response: Response;
  try {
    const method = (init.method ?? "GET").toUpperCase();
    const csrf = csrfToken !== null && !SAFE_METHODS.has(method) ? { "x-csrf-token": csrfToken } : undefined;
    response = await fetch(url, {
      ...init,
      headers: { accept: "application/json", ...csrf, ...init.headers },
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "network", "The server cannot be reached. Is `loupe serve` running?");
  }
  if (response.status === 401) requireSignIn();
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = isErrorBody(body) ? body : undefined;
    throw new ApiError(
      response.status,
      error?.error ?? "http",
      error?.message ?? `The server answered ${response.status} ${response.statusText}.`,
    );
  }
  return body as T;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ErrorBody).error === "string" &&
    typeof (value as ErrorBody).message === "string"
  );
}

/** A message for people, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
