/**
 * The API's response shapes, as the page uses them. They mirror the server's TypeBox schemas
 * (packages/server/src/api/schemas/*.ts); types.contract.test.ts checks that they stay equal, so the
 * bundle never imports server code (see docs/design.md, "Why the API types are declared here").
 */

export const LOG_STATUSES = ["not_recorded", "pending", "ok", "missing", "unavailable", "invalid"] as const;
export type LogStatus = (typeof LOG_STATUSES)[number];

export const CONNECTION_SORTS = ["lastUpdated", "errors", "medianLatency"] as const;
export type ConnectionSort = (typeof CONNECTION_SORTS)[number];
export type SortOrder = "asc" | "desc";

/** Which log the raw viewer reads (GET /api/connections/:id/logs?side=): one, or both interleaved. */
export const RAW_SIDES = ["client", "server", "both"] as const;
export type RawSide = (typeof RAW_SIDES)[number];

export interface LogSummary {
  status: LogStatus;
  entries: number | null;
  levels: Record<string, number> | null;
  errors: number | null;
  warnings: number | null;
  /** Percentages (0–100) of the log's entries. */
  errorPct: number | null;
  warningPct: number | null;
}

export interface LogPattern {
  id: string;
  level: string;
  template: string;
  example: string;
  count: number;
  firstTime: number | null;
  lastTime: number | null;
}

export interface LogDetail extends LogSummary {
  logId: number | null;
  url: string | null;
  /** Why the log is unavailable or missing, when the fetcher knows (e.g. "HTTP 404"). */
  lastError: string | null;
  patterns: LogPattern[];
}

interface ConnectionFields {
  connectionId: number;
  username: string | null;
  ip: string;
  version: string | null;
  /** ISO 8601 UTC. */
  lastUpdated: string | null;
  bookmarked: boolean;
  /** Seconds (the client log's median latency). */
  medianLatency: number | null;
  durationSeconds: number | null;
}

export interface ConnectionItem extends ConnectionFields {
  client: LogSummary;
  server: LogSummary;
}

export interface ConnectionDetail extends ConnectionFields {
  client: LogDetail;
  server: LogDetail;
}

export interface ConnectionPage {
  items: ConnectionItem[];
  nextCursor: string | null;
  total: number;
}

export interface IngestStatus {
  total: number;
  done: number;
  pending: number;
  failed: number;
}

/** The data of a `change` event on GET /api/events. */
export interface FleetChange {
  generation: string;
  connections: number;
  ingest: IngestStatus;
}

export interface RefetchResponse {
  requeued: number;
}

export interface ServerInfo {
  /** No sign-in configured (loopback only): the header says "open access". */
  openAccess: boolean;
  userId: string;
  /** The signed-in person; null for open access and API tokens. */
  user: { email: string; name: string | null } | null;
  /** Sent as X-CSRF-Token on PUT, POST and DELETE when signed in. */
  csrfToken: string | null;
}

export interface SeriesStats {
  count: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  p95: number;
  std: number;
}

export interface VersionTest {
  against: string;
  pValue: number;
  rankBiserial: number;
  regression: boolean;
}

export interface VersionMetric {
  logs: number;
  median: number | null;
  test: VersionTest | null;
}

export const METRICS = ["latency", "decode_time", "encode_time", "encode_size"] as const;
export type MetricName = (typeof METRICS)[number];

export interface VersionInsight {
  version: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  connections: number;
  logs: number;
  entries: number;
  errors: number;
  /** A fraction (errors / entries), unlike LogSummary's percentages. */
  errorRate: number | null;
  metrics: Record<MetricName, VersionMetric>;
}

export interface VersionsResponse {
  items: VersionInsight[];
}

export interface PatternInsight {
  id: string;
  level: string;
  template: string;
  example: string;
  count: number;
  logs: number;
  connections: number;
  users: number;
  versions: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  firstVersion: string | null;
}

export interface PatternsResponse {
  items: PatternInsight[];
}

export interface ErrorLatencyPoint {
  connectionId: number;
  username: string | null;
  version: string | null;
  errors: number;
  /** Seconds. */
  medianLatency: number;
}

export interface ErrorLatencyResponse {
  n: number;
  pearson: number | null;
  spearman: number | null;
  points: ErrorLatencyPoint[];
}

export interface MetricDistribution {
  logs: number;
  stats: SeriesStats | null;
  histogram: { from: number; to: number; count: number }[];
}

export type MetricsResponse = Record<MetricName, MetricDistribution>;

/** GET /api/insights/users: distinct usernames (case-insensitive) across every connection. */
export interface UsersResponse {
  users: number;
}

export interface ErrorBody {
  error: string;
  message: string;
}

/** GET /connections/:id/series. `points` with format=points, `t`/`v` with format=columns. */
export interface MetricSeries {
  points?: [number, number][];
  /** Seconds since 00:00 UTC of the log's first day. */
  t?: number[];
  v?: number[];
  stats: SeriesStats | null;
  totalPoints: number;
  side: "client" | "server";
  unit: "seconds" | "bytes";
  status: LogStatus;
}

export type SeriesResponse = Record<MetricName, MetricSeries>;

export interface TextLine {
  lineNumber: number;
  text: string;
}

export interface RawEntry {
  side: "client" | "server";
  lineNumber: number;
  time: number;
  level: string;
  file: string;
  func: string;
  sourceLine: number;
  message: string;
  continuation: TextLine[];
}

export interface RawSideState {
  status: string;
  shown: boolean;
  reason: string | null;
  preamble: TextLine[];
}

/** GET /connections/:id/logs. */
export interface RawLogPage {
  items: RawEntry[];
  offset: number;
  nextCursor: string | null;
  total: number;
  sides: { client: RawSideState; server: RawSideState };
}
