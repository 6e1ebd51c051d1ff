/**
 * Human text for a failed request validation that names the parameter: `query parameter "limit" must be
 * <= 500`, not Ajv's `querystring/limit must be <= 500` or an anyOf cascade.
 */
import type { FastifySchemaValidationError } from "fastify";

const PART_NAMES: Readonly<Record<string, string>> = {
  querystring: "query parameter",
  params: "path parameter",
  headers: "header",
  body: "body field",
};

/** Values echoed back are cut short: the message must not repeat a megabyte of input. */
const MAX_ECHO = 100;

export function validationMessage(
  errors: readonly FastifySchemaValidationError[],
  context: string | undefined,
): string {
  const first = errors[0];
  const part = PART_NAMES[context ?? ""] ?? "parameter";
  if (first === undefined) return `Invalid ${part}`;
  const name = parameterName(first);
  const what = name === "" ? `Invalid ${part}` : `Invalid ${part} "${clip(name)}"`;
  return `${what}: ${describeProblem(first)}`;
}

function parameterName(error: FastifySchemaValidationError): string {
  const params = error.params as Record<string, unknown>;
  const path = error.instancePath
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (typeof params.missingProperty === "string") path.push(params.missingProperty);
  if (typeof params.additionalProperty === "string") path.push(params.additionalProperty);
  return path.join(".");
}

function describeProblem(error: FastifySchemaValidationError): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required") return "is required";
  if (error.keyword === "additionalProperties") return "is not a known parameter";
  if (Array.isArray(params.allowedValues)) {
    return `must be one of ${params.allowedValues.map((value) => JSON.stringify(value)).join(", ")}`;
  }
  return error.message ?? "is invalid";
}

function clip(text: string): string {
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text;
}
