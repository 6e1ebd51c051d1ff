/**
 * CSRF protection for requests authenticated by the session cookie. SameSite=Lax already keeps the
 * cookie off cross-site POST, PUT and DELETE; the per-session token is the second lock (a sibling
 * subdomain is "same-site", and old browsers ignore SameSite). The page reads the token from
 * GET /api/info and sends it in this header on every state-changing request; another site can make the
 * browser send the cookie but cannot read the token. Bearer-token requests carry no ambient credential
 * and are exempt.
 */
import { timingSafeEqual } from "node:crypto";
import { ApiError } from "../api/errors.js";

export const CSRF_HEADER = "x-csrf-token";

export function checkCsrf(sent: string | string[] | undefined, expected: string): void {
  const given = Buffer.from(typeof sent === "string" ? sent : "");
  const wanted = Buffer.from(expected);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    throw new ApiError(
      "csrf_failed",
      "This change needs the page's X-CSRF-Token header (reload the page and try again).",
    );
  }
}
