/**
 * POST /api/connections: the streaming backend registers connections and their log URLs as they happen
 * (issue 5, live ingestion), in the manifest's row format. Rows are validated like a manifest's; a bad
 * row is reported and skipped, the good ones are stored and their logs queued. URLs that arrive this way
 * are not trusted like the operator's manifest: each must pass the source allowlist (product.md,
 * "Trust"), else its row is rejected. Open pages hear of the new rows through GET /api/events.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { requireScope } from "../../auth/auth-plugin.js";
import type { CheckUrl } from "../../ingest/index.js";
import { type ManifestRowError, validateManifestValues } from "../../manifest/index.js";
import type { ConnectionInput, Store } from "../../store/store.js";
import { ApiError } from "../errors.js";
import { errorResponses } from "../schemas/common.js";
import { RegisterBodySchema, RegisterResponseSchema } from "../schemas/registration.js";

/** 1,000 rows of ~300 bytes, with room to spare; the API's other routes keep their 64 KB limit. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface RegisterOptions {
  readonly store: Pick<Store, "importConnections">;
  /** The source allowlist (manifest hosts and --allow-source prefixes). */
  readonly checkUrl: CheckUrl;
}

export const registerConnectionRoutes: FastifyPluginAsyncTypebox<RegisterOptions> = async (
  app,
  { store, checkUrl },
) => {
  app.post(
    "/connections",
    {
      // The streaming backend's token; signed-in people only read.
      onRequest: requireScope("ingest"),
      bodyLimit: BODY_LIMIT_BYTES,
      // Fastify would parse text/plain too, and the schema's array coercion would make a row of it.
      preValidation: async (request) => {
        if (!/^application\/json\b/i.test(request.headers["content-type"] ?? "")) {
          throw new ApiError("unsupported_media_type", "Send the rows as application/json");
        }
      },
      schema: {
        tags: ["ingest"],
        summary: "Register connections and their log URLs (manifest rows); their logs are queued",
        body: RegisterBodySchema,
        response: { 200: RegisterResponseSchema, ...errorResponses(400, 413, 415) },
      },
    },
    async (request) => {
      const { rows, errors } = validateManifestValues(request.body);
      const rejected: ManifestRowError[] = [...errors];
      const accepted: ConnectionInput[] = [];
      const positions = validRowPositions(request.body.length, errors);
      for (const [index, row] of rows.entries()) {
        const refusals = await refusedUrls(row, checkUrl);
        if (refusals.length === 0) accepted.push(row);
        const at = { row: positions[index] ?? 0, connectionId: row.connectionId };
        for (const refusal of refusals) rejected.push({ ...at, ...refusal });
      }
      rejected.sort((a, b) => a.row - b.row);
      const result = await store.importConnections(accepted);
      return {
        inserted: result.inserted,
        updated: result.updated,
        unchanged: result.unchanged,
        logsQueued: result.logsQueued,
        rejected: rejected.map(({ row, connectionId, field, reason }) =>
          connectionId === undefined ? { row, field, reason } : { row, connectionId, field, reason },
        ),
      };
    },
  );
};

/** The 1-based positions of the rows without errors: the validator returns those rows in this order. */
function validRowPositions(count: number, errors: readonly ManifestRowError[]): number[] {
  const bad = new Set(errors.map((error) => error.row));
  return Array.from({ length: count }, (_, i) => i + 1).filter((row) => !bad.has(row));
}

async function refusedUrls(
  row: ConnectionInput,
  checkUrl: CheckUrl,
): Promise<{ field: string; reason: string }[]> {
  const refusals: { field: string; reason: string }[] = [];
  for (const [field, url] of [
    ["client_logs", row.clientUrl],
    ["server_logs", row.serverUrl],
  ] as const) {
    if (url === null) continue;
    const verdict = await checkUrl(new URL(url));
    if (!verdict.allowed) refusals.push({ field, reason: verdict.reason });
  }
  return refusals;
}
