/**
 * PUT /api/connections/:id/logs/:side: the streaming backend uploads a log body directly (issue 5, live
 * ingestion). The body streams through to object storage under `--upload-to` (size-capped, never held
 * in memory: logs stay in object storage), then the connection's URL for that side points at the new
 * object and the log is queued like any other. Every upload gets its own object, so a second upload of
 * the same side re-ingests (a changed URL) and never half-overwrites the first. The whole body must
 * arrive within the server's request timeout (server-limits.ts); bigger logs go to the bucket directly
 * and are registered by URL.
 */
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { requireScope } from "../../auth/auth-plugin.js";
import type { ConnectionRow, Store } from "../../store/store.js";
import { putObject } from "../../uploads/put-object.js";
import { ApiError, notFound } from "../errors.js";
import { errorResponses } from "../schemas/common.js";
import { UploadParamsSchema, UploadResponseSchema } from "../schemas/registration.js";

const BODY_TYPES = ["text/plain", "application/octet-stream"];

export interface UploadSettings {
  /** Objects are written under this URL prefix (ends with "/"). */
  readonly prefix: string;
  readonly authorization?: string;
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

export interface UploadOptions {
  readonly store: Pick<Store, "getConnection" | "importConnections">;
  readonly uploads: UploadSettings;
}

export const uploadLogRoutes: FastifyPluginAsyncTypebox<UploadOptions> = async (app, { store, uploads }) => {
  // In this plugin only: the body reaches the handler as the request stream itself, unread.
  app.addContentTypeParser(BODY_TYPES, (_request, payload, done) => done(null, payload));
  const oneAtATime = perKeySerializer();

  app.put(
    "/connections/:id/logs/:side",
    {
      // Checked before a byte of the body is read.
      onRequest: requireScope("ingest"),
      preValidation: async (request) => {
        const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
        if (!BODY_TYPES.includes(type)) {
          throw new ApiError(
            "unsupported_media_type",
            "Send the log as text/plain or application/octet-stream",
          );
        }
      },
      schema: {
        tags: ["ingest"],
        summary: "Upload a connection's client or server log; it is stored in object storage and ingested",
        params: UploadParamsSchema,
        response: { 201: UploadResponseSchema, ...errorResponses(400, 404, 413, 415, 503) },
      },
    },
    async (request, reply) => {
      const { id, side } = request.params;
      if ((await store.getConnection(id)) === undefined) {
        reply.header("connection", "close");
        throw notFound(`Connection ${id}`);
      }
      const url = `${uploads.prefix}${id}/${side}-${randomUUID()}.log`;
      const declared = Number(request.headers["content-length"]);
      const result = await putObject(url, request.body as Readable, {
        maxBytes: uploads.maxBytes,
        timeoutMs: uploads.timeoutMs,
        ...(Number.isSafeInteger(declared) ? { contentLength: declared } : {}),
        ...(uploads.authorization === undefined ? {} : { authorization: uploads.authorization }),
      });
      if (result.kind === "too_large") {
        // The rest of the body is not read: close rather than drain gigabytes.
        reply.header("connection", "close");
        throw new ApiError("payload_too_large", `Logs over ${result.maxBytes} bytes are not accepted`);
      }
      if (result.kind === "store_failed") {
        throw new ApiError("unavailable", `The log was not stored: ${result.reason}; try again`);
      }
      // Read-modify-write of one row: uploads of both sides at once must not undo each other here.
      await oneAtATime(id, async () => {
        const row = await store.getConnection(id);
        if (row === undefined) throw notFound(`Connection ${id}`);
        await store.importConnections([
          { ...inputOf(row), [side === "client" ? "clientUrl" : "serverUrl"]: url },
        ]);
      });
      return reply.code(201).send({ url, bytes: result.bytes });
    },
  );
};

function inputOf(row: ConnectionRow) {
  return {
    connectionId: row.connectionId,
    username: row.username,
    ip: row.ip,
    version: row.version,
    lastUpdated: row.lastUpdated,
    clientUrl: row.client.url,
    serverUrl: row.server.url,
  };
}

/** Runs tasks with the same key one after another (in this process); other keys run freely. */
function perKeySerializer() {
  const tails = new Map<number, Promise<unknown>>();
  return async <T>(key: number, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => {});
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
