/**
 * What an open dashboard needs to hear about without asking: the data changed (a connection registered,
 * a log ingested, a bookmark set — here or in another process on the same database). One poller per
 * process, running only while someone listens, reads the store's data generation (a cheap read: a
 * counter and `PRAGMA data_version`, or one PostgreSQL sequence) and, when it moved, the counts every
 * listener is told. Listeners never query the store themselves, so a hundred open pages cost one read a
 * second.
 */
import type { IngestStatus, Store } from "../store/store.js";

export interface FleetChange {
  /** Opaque; differs whenever anything stored changed. */
  readonly generation: string;
  /** Connections stored (all of them, no filter). */
  readonly connections: number;
  readonly ingest: Readonly<Pick<IngestStatus, "total" | "done" | "pending" | "failed">>;
}

export type ChangeListener = (change: FleetChange) => void;

export interface ChangeFeed {
  /** Calls `listener` with the latest state at once (when known) and on every change; returns the unsubscribe. */
  subscribe(listener: ChangeListener): () => void;
  /** Stops polling for good (server shutdown). */
  close(): void;
}

type FeedStore = Pick<Store, "dataGeneration" | "ingestStatus" | "listConnections">;

export function createChangeFeed(store: FeedStore, { intervalMs = 1000 } = {}): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  let latest: FleetChange | undefined;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  let closed = false;

  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      const generation = await store.dataGeneration();
      if (generation === latest?.generation) return;
      // Both counts come from caches keyed by the generation (count-cache.ts), so this is cheap too.
      const [page, status] = await Promise.all([store.listConnections({ limit: 1 }), store.ingestStatus()]);
      const { total, done, pending, failed } = status;
      latest = { generation, connections: page.total, ingest: { total, done, pending, failed } };
      for (const listener of listeners) listener(latest);
    } catch {
      // The database is away (503s elsewhere say so); listeners hear again once it is back.
    } finally {
      polling = false;
    }
  };

  const stop = () => {
    clearInterval(timer);
    timer = undefined;
    // Unknown while nobody watches: the next subscriber must not be handed a stale state.
    latest = undefined;
  };

  return {
    subscribe(listener) {
      if (closed) return () => {};
      listeners.add(listener);
      if (latest !== undefined) listener(latest);
      if (timer === undefined) {
        timer = setInterval(() => void poll(), intervalMs);
        timer.unref();
        void poll();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    close() {
      closed = true;
      listeners.clear();
      stop();
    },
  };
}
