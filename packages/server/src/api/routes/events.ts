/**
 * GET /api/events: server-sent events for open dashboards. A `change` event carries the fleet's counts
 * (FleetChangeSchema) on connecting and whenever anything stored changes, here or in another process on
 * the same database; the page refreshes what it shows from that instead of polling. Comment lines every
 * 15 s keep proxies (nginx's default read timeout is 60 s) from closing an idle stream.
 */

import type { ServerResponse } from "node:http";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { requireScope } from "../../auth/auth-plugin.js";
import type { ChangeFeed } from "../change-feed.js";
import { FleetChangeSchema } from "../schemas/ingest.js";

const HEARTBEAT_MS = 15_000;
/** What EventSource waits before reconnecting after the stream drops (a restart, a proxy timeout). */
const RECONNECT_MS = 3_000;

export const eventsRoutes: FastifyPluginAsyncTypebox<{ changes: ChangeFeed }> = async (app, { changes }) => {
  const open = new Set<ServerResponse>();
  // Streams never end by themselves: without this, closing the server would wait for them forever.
  app.addHook("preClose", async () => {
    for (const response of open) response.end();
  });

  app.get(
    "/events",
    {
      onRequest: requireScope("read"),
      schema: {
        tags: ["ingest"],
        summary: "Server-sent events: a `change` event with the fleet's counts whenever stored data changes",
        response: {
          200: {
            description: "An event stream; each `change` event's data is this object as JSON",
            content: { "text/event-stream": { schema: FleetChangeSchema } },
          },
        },
      },
    },
    (request, reply) => {
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        // nginx would otherwise buffer the stream and deliver events late.
        "x-accel-buffering": "no",
      });
      response.write(`retry: ${RECONNECT_MS}\n\n`);
      open.add(response);
      const unsubscribe = changes.subscribe((change) => {
        response.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
      });
      const heartbeat = setInterval(() => response.write(": keep-alive\n\n"), HEARTBEAT_MS);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(response);
      };
      request.raw.once("close", end);
      response.once("close", end);
    },
  );
};
