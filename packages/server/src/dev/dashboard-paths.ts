/**
 * The mix of requests a dashboard sends, for load from tests and benchmarks: list pages (sorts and
 * filters), username searches, a connection's detail and its series, and the fleet insights. Over a fixed
 * set of distinct URLs (every connection, a bounded set of searches), so that a warm-up pass can visit
 * each once and caches are at their steady size afterwards.
 */

interface ManifestRow {
  readonly connection_id: number;
  readonly username: string | null;
}

const LISTS = [
  "/api/connections?limit=50",
  "/api/connections?limit=50&sort=errors&order=desc",
  "/api/connections?limit=50&sort=medianLatency&order=asc",
  "/api/connections?limit=50&status=ok",
  "/api/connections?limit=50&hasErrors=true",
  "/api/ingest/status",
];
const INSIGHTS = [
  "/api/insights/patterns",
  "/api/insights/versions",
  "/api/insights/error-latency",
  "/api/insights/users",
  "/api/insights/metrics",
];
const SEARCHES = 200;

export interface DashboardPaths {
  /** Every distinct path of the mix, once. */
  readonly all: readonly string[];
  /** The next path of the mix: 30% lists, 15% searches, 20% details, 20% series, 15% insights. */
  next(): string;
}

export function dashboardPaths(manifest: readonly ManifestRow[]): DashboardPaths {
  const ids = manifest.map((row) => row.connection_id);
  const names = [...new Set(manifest.map((row) => row.username).filter((name) => name !== null))];
  // Whole names (one match) and their first four letters (many), as people type them.
  const searches = names
    .slice(0, SEARCHES / 2)
    .flatMap((name) => [name, name.slice(0, 4)])
    .map((q) => `/api/connections?limit=50&q=${encodeURIComponent(q)}`);
  const details = ids.map((id) => `/api/connections/${id}`);
  const series = ids.map((id) => `/api/connections/${id}/series`);
  const groups: readonly [number, readonly string[]][] = [
    [30, LISTS],
    [15, searches.length > 0 ? searches : LISTS],
    [20, details],
    [20, series],
    [15, INSIGHTS],
  ];
  // Deterministic: the same run of paths every time, so runs compare.
  let state = 1;
  const random = () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
  return {
    all: [...new Set(groups.flatMap(([, paths]) => paths))],
    next() {
      let roll = random() * 100;
      for (const [weight, paths] of groups) {
        if (roll < weight) return paths[Math.floor(random() * paths.length)] as string;
        roll -= weight;
      }
      return LISTS[0] as string;
    },
  };
}
