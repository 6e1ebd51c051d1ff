/** Shared expectations of API responses (used by every route test and the fuzz test). */
import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { API_ERRORS } from "../errors.js";

/** The exact error shape: JSON `{ error, message }`, a known code whose status matches, nothing else. */
export function expectErrorShape(response: LightMyRequestResponse, code?: string): void {
  expect(response.headers["content-type"]).toMatch(/^application\/json/);
  const body = response.json() as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(["error", "message"]);
  expect(typeof body.message).toBe("string");
  expect((body.message as string).length).toBeGreaterThan(0);
  expect(Object.keys(API_ERRORS)).toContain(body.error);
  expect(API_ERRORS[body.error as keyof typeof API_ERRORS].status).toBe(response.statusCode);
  if (code !== undefined) expect(body.error).toBe(code);
}
