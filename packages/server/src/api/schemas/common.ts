/** Building blocks shared by the resource schemas, and the error body every error response has. */
import { type Static, type TSchema, Type } from "typebox";
import { API_ERRORS, type ErrorCode } from "../errors.js";

/** A string from a fixed set, as `{type: "string", enum}`: Ajv then reports the allowed values. */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string; default?: T[number] } = {},
) {
  return Type.Unsafe<T[number]>({ type: "string", enum: [...values], ...options });
}

/** `T` with every array and object readonly: how the pure modules (rightly) type their results. */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * A readonly result as the response type of `schema`, checked field by field: Fastify's typed replies
 * want mutable arrays, and the serializer never writes to them.
 */
export function asResponse<S extends TSchema>(_schema: S, value: DeepReadonly<Static<S>>): Static<S> {
  return value as Static<S>;
}

export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

export const ErrorBodySchema = Type.Object(
  {
    error: StringEnum(Object.keys(API_ERRORS) as ErrorCode[], { description: "Stable error code" }),
    message: Type.String({ description: "What went wrong, for people" }),
  },
  { description: "Every error answer has this shape." },
);
export type ErrorBodyView = Static<typeof ErrorBodySchema>;

/** The error responses a route documents, e.g. `errorResponses(400, 404)`. */
export function errorResponses<const S extends readonly number[]>(...statuses: S) {
  return Object.fromEntries(statuses.map((status) => [status, ErrorBodySchema])) as {
    [K in S[number]]: typeof ErrorBodySchema;
  };
}

/** Connection ids are the manifest's integers; anything else in the path is a 400, never a lookup. */
export const ConnectionIdParamsSchema = Type.Object({
  id: Type.Integer({
    minimum: Number.MIN_SAFE_INTEGER,
    maximum: Number.MAX_SAFE_INTEGER,
    description: "connection_id from the manifest",
  }),
});

/** Epoch-ms moments are served as ISO 8601 UTC strings; null only for a moment that cannot be shown. */
export const IsoTimeSchema = Type.String({ format: "date-time", description: "ISO 8601, UTC" });

export const SeriesStatsSchema = Type.Object(
  {
    count: Type.Integer(),
    min: Type.Number(),
    max: Type.Number(),
    mean: Type.Number(),
    median: Type.Number({ description: "Mean of the two middle values for an even count" }),
    p95: Type.Number({ description: "Linear interpolation between closest ranks (NumPy's default)" }),
    std: Type.Number({ description: "Population standard deviation" }),
  },
  { description: "Summary statistics of a series" },
);
