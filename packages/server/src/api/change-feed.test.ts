import { describe, expect, it } from "vitest";
import type { IngestStatus } from "../store/store.js";
import { createChangeFeed, type FleetChange } from "./change-feed.js";

/** A store whose generation and counts the test moves by hand, counting the reads it is asked for. */
function fakeStore() {
  const state = { generation: "1", connections: 10, reads: 0, countReads: 0 };
  const status: IngestStatus = { total: 4, done: 1, pending: 3, failed: 0 } as IngestStatus;
  return {
    state,
    store: {
      dataGeneration: async () => {
        state.reads++;
        return state.generation;
      },
      listConnections: async () => {
        state.countReads++;
        return { items: [], nextCursor: null, total: state.connections };
      },
      ingestStatus: async () => status,
    },
  };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createChangeFeed", () => {
  it("reads the store only while someone listens, and counts only when the generation moved", async () => {
    const { state, store } = fakeStore();
    const feed = createChangeFeed(store as never, { intervalMs: 10 });
    await tick(40);
    expect(state.reads).toBe(0);

    const heard: FleetChange[] = [];
    const unsubscribe = feed.subscribe((change) => heard.push(change));
    await tick(60);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ generation: "1", connections: 10, ingest: { pending: 3 } });
    expect(state.reads).toBeGreaterThan(2);
    expect(state.countReads).toBe(1);

    state.generation = "2";
    state.connections = 11;
    await tick(40);
    expect(heard.map((change) => change.connections)).toEqual([10, 11]);
    expect(state.countReads).toBe(2);

    // A second listener hears the latest state at once, without a read of its own.
    const late: FleetChange[] = [];
    const unsubscribeLate = feed.subscribe((change) => late.push(change));
    expect(late.map((change) => change.generation)).toEqual(["2"]);

    unsubscribe();
    unsubscribeLate();
    const readsWhenAlone = state.reads;
    await tick(50);
    expect(state.reads).toBe(readsWhenAlone);
    feed.close();
  });

  it("keeps going through a database outage and tells listeners once it is back", async () => {
    const { state, store } = fakeStore();
    let down = true;
    const feed = createChangeFeed(
      {
        ...store,
        dataGeneration: async () => {
          if (down) throw new Error("connection refused");
          return store.dataGeneration();
        },
      } as never,
      { intervalMs: 10 },
    );
    const heard: FleetChange[] = [];
    feed.subscribe((change) => heard.push(change));
    await tick(40);
    expect(heard).toHaveLength(0);
    down = false;
    await tick(40);
    expect(heard.map((change) => change.generation)).toEqual([state.generation]);
    feed.close();
  });
});
