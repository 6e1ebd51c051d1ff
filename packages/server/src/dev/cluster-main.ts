/**
 * `npm run cluster`: the production topology on loopback for anyone to try: nginx in front of two API
 * processes, two ingestion workers, a throwaway PostgreSQL, and the demo fleet (its bucket in a thread of
 * this process; the first API process imports its manifest). Ctrl-C stops everything and removes every
 * folder it made. LOUPE_CLUSTER_PORT (default 8080) and LOUPE_DEMO_COUNT (default 3000).
 */
import { type DemoCluster, startDemoCluster, waitUntilIngested } from "./demo-cluster.js";

const count = Number(process.env.LOUPE_DEMO_COUNT ?? 3000);
const port = Number(process.env.LOUPE_CLUSTER_PORT ?? 8080);

let demo: DemoCluster | undefined;
let stopping = false;
// The loupe processes get the terminal's Ctrl-C too; PostgreSQL (its own session), the bucket and the
// folders need us. A Ctrl-C during the start makes the start fail, which stops what it had started.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping…");
    void (demo?.stop() ?? Promise.resolve()).then(() => process.exit(0));
  });
}

const started = performance.now();
console.log(
  `starting PostgreSQL, 2 API processes, 2 workers and nginx on 127.0.0.1 (${count} demo connections)…`,
);
try {
  demo = await startDemoCluster({ count, port });
} catch (error) {
  if (!stopping) {
    console.error(`could not start the cluster: ${(error as Error).message}`);
    process.exit(1);
  }
}

if (demo !== undefined && !stopping) {
  const { cluster } = demo;
  const processes = [...cluster.apis, ...cluster.workers]
    .map((child) => `${child.name} ${child.url} (pid ${child.pid()})`)
    .join("\n  ");
  console.log(
    `\nLoupe cluster: ${cluster.url}\n\n  nginx ${cluster.url} (pid ${cluster.nginx.pid}) → api-1, api-2\n  ${processes}\n` +
      `  PostgreSQL ${cluster.databaseUrl}\n  logs: ${cluster.logDir}\n\nCtrl-C stops everything.`,
  );
  const status = await waitUntilIngested(cluster.url).catch(() => undefined);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  if (status !== undefined && !stopping)
    console.log(`all ${status.total} logs ingested by the workers (${seconds} s after the start).`);
}
