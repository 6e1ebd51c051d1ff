import { describe, expect, it } from "vitest";
import { connectionInput } from "../../test-support/connection-fixture.js";
import type { FleetChange } from "../change-feed.js";
import { openTestApi } from "../test-support/test-api.js";

/** Reads `change` events off a server-sent event stream as they arrive. */
async function* changeEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<FleetChange> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffered = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      for (let end = buffered.indexOf("\n\n"); end >= 0; end = buffered.indexOf("\n\n")) {
        const event = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const lines = event.split("\n");
        if (!lines.includes("event: change")) continue;
        const data = lines.find((line) => line.startsWith("data: "));
        if (data !== undefined) yield JSON.parse(data.slice("data: ".length)) as FleetChange;
      }
    }
  } finally {
    await reader.cancel();
  }
}

describe("GET /api/events", () => {
  it("streams the fleet's counts at once, then again when connections are stored", async () => {
    const t = await openTestApi();
    try {
      await t.store.importConnections([connectionInput(1), connectionInput(2, { serverUrl: null })]);
      const url = await t.app.listen({ host: "127.0.0.1", port: 0 });
      const response = await fetch(`${url}/api/events`, { signal: AbortSignal.timeout(15_000) });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const events = changeEvents(response.body as ReadableStream<Uint8Array>);

      const first = (await events.next()).value as FleetChange;
      expect(first.connections).toBe(2);
      expect(first.ingest).toEqual({ total: 3, done: 0, pending: 3, failed: 0 });

      // Another writer (here the test, as a registration or another process would) adds a connection.
      await t.store.importConnections([connectionInput(3)]);
      const second = (await events.next()).value as FleetChange;
      expect(second.generation).not.toBe(first.generation);
      expect(second.connections).toBe(3);
      expect(second.ingest.total).toBe(5);
      // Ending the reader cancels the stream (a closed tab); the server forgets the listener.
      await events.return(undefined);
    } finally {
      // Also proves that an open stream does not keep the server from closing.
      await t.close();
    }
  });

  it("is documented as an event stream in the OpenAPI document", async () => {
    const t = await openTestApi();
    try {
      const document = (await t.app.inject("/docs/json")).json();
      const operation = document.paths["/api/events"].get;
      expect(Object.keys(operation.responses["200"].content)).toEqual(["text/event-stream"]);
    } finally {
      await t.close();
    }
  });
});
