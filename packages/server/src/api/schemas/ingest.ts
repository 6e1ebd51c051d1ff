/** Ingestion progress and re-fetching. */
import { Type } from "typebox";

export const IngestStatusSchema = Type.Object(
  {
    total: Type.Integer({ description: "Logs known (connections' distinct URLs)" }),
    done: Type.Integer({ description: "Logs with a final outcome" }),
    pending: Type.Integer(),
    failed: Type.Integer(),
  },
  { description: "Counted in logs" },
);

export const RefetchResponseSchema = Type.Object({
  requeued: Type.Integer({ description: "Logs queued again (0 when the connection has none)" }),
});

export const FleetChangeSchema = Type.Object(
  {
    generation: Type.String({ description: "Opaque; differs whenever anything stored changed" }),
    connections: Type.Integer({ description: "Connections stored, unfiltered" }),
    ingest: IngestStatusSchema,
  },
  {
    description:
      "The data of each `change` event of GET /api/events (text/event-stream): sent on connecting and " +
      "whenever anything stored changes",
  },
);
