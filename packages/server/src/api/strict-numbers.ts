/**
 * Numbers in the path and query must be written as decimal numbers. Ajv's type coercion (which Fastify
 * uses to turn "50" into 50) is lax: it reads "" and " " as 0, "0x10" as 16 and "1e400" as Infinity,
 * which slips past `maximum` and reaches the database as LIMIT Infinity. This hook runs before validation
 * on routes with numeric parameters: an empty value counts as absent (so defaults apply; web forms send
 * empty fields), anything else must be a finite decimal, or the request is a 400 naming the parameter.
 */
import type { FastifyRequest, RouteOptions } from "fastify";
import fp from "fastify-plugin";
import { ApiError } from "./errors.js";

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

interface NumericFields {
  readonly part: "querystring" | "params";
  readonly names: readonly string[];
}

export const strictNumbersPlugin = fp(
  async (app) => {
    app.addHook("onRoute", (route: RouteOptions) => {
      const fields = (["querystring", "params"] as const)
        .map((part): NumericFields => ({ part, names: numericProperties(route.schema?.[part]) }))
        .filter((f) => f.names.length > 0);
      if (fields.length === 0) return;
      const check = async (request: FastifyRequest) => {
        for (const { part, names } of fields) checkPart(request, part, names);
      };
      const existing = route.preValidation;
      route.preValidation =
        existing === undefined ? [check] : [...(Array.isArray(existing) ? existing : [existing]), check];
    });
  },
  { name: "loupe-strict-numbers" },
);

function checkPart(request: FastifyRequest, part: "querystring" | "params", names: readonly string[]): void {
  const values = (part === "querystring" ? request.query : request.params) as
    | Record<string, unknown>
    | undefined;
  if (values === undefined || values === null) return;
  for (const name of names) {
    const value = values[name];
    if (typeof value !== "string") continue;
    if (value === "" && part === "querystring") {
      delete values[name];
      continue;
    }
    if (!DECIMAL.test(value) || !Number.isFinite(Number(value))) {
      const where = part === "querystring" ? "query parameter" : "path parameter";
      throw new ApiError("invalid_parameter", `Invalid ${where} "${name}": must be a finite decimal number`);
    }
  }
}

function numericProperties(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties;
  if (properties === undefined) return [];
  return Object.entries(properties)
    .filter(([, property]) => property.type === "integer" || property.type === "number")
    .map(([name]) => name);
}
