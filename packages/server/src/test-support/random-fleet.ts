/**
 * Random small fleets for the property tests of the fleet aggregates (fleet_samples and what is read
 * from it): connections that share URLs (across connections and sides), versions and times with ties,
 * logs parsed with random levels, series and patterns, missing or unavailable, then a second import that
 * changes versions, times, usernames and URLs, re-fetches that replace earlier results, and logs left
 * pending. Written through the store's real write paths (import, claim, completeLog, requeue).
 */
import { ALL_METRIC_NAMES, type AnyMetricName } from "@loupe/core";
import fc from "fast-check";
import type { ConnectionInput, IngestOutcome, Store } from "../store/store.js";
import { BASE_TIME } from "./connection-fixture.js";
import { ingestDue, parsedOutcome } from "./ingest-helpers.js";
import { analysisFixture, patternFixture } from "./log-analysis-fixture.js";

export interface OutcomeSpec {
  readonly kind: "parsed" | "missing" | "unavailable";
  readonly levels: Readonly<Record<string, number>>;
  readonly series: Partial<Record<AnyMetricName, readonly number[]>>;
  readonly patterns: readonly { readonly template: number; readonly level: string; readonly count: number }[];
}

export interface FleetScenario {
  readonly connections: readonly ConnectionInput[];
  readonly outcomes: readonly OutcomeSpec[];
  /** Re-imported afterwards (changed fields), then what became due is ingested with `laterOutcomes`. */
  readonly changes: readonly ConnectionInput[];
  /** Connections whose client log is fetched again (requeued) at the end. */
  readonly refetch: readonly number[];
  readonly laterOutcomes: readonly OutcomeSpec[];
}

const URLS = 14;
const url = (i: number) => `https://bucket.example/log${i}.txt`;
export const RANDOM_TEMPLATES = [
  "Socket <num> closed",
  "Decoder <num> failed",
  "Slow frame <num>",
  "Lost <num> packets",
];

/** Few distinct values (ties) or any double in a range. */
const value = fc.oneof(
  fc.constantFrom(0.01, 0.02, 0.03, 0.05, 0.08, 1),
  fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }),
);

const outcome: fc.Arbitrary<OutcomeSpec> = fc.record({
  kind: fc.constantFrom("parsed", "parsed", "parsed", "missing", "unavailable"),
  levels: fc.record({
    INFO: fc.nat(20),
    WARNING: fc.nat(5),
    ERROR: fc.nat(8),
    FATAL_ERROR: fc.constantFrom(0, 0, 0, 1),
  }),
  series: fc.dictionary(
    fc.constantFrom(...ALL_METRIC_NAMES),
    fc.array(value, { maxLength: 4 }),
  ) as fc.Arbitrary<Partial<Record<AnyMetricName, readonly number[]>>>,
  patterns: fc.uniqueArray(
    fc.record({
      template: fc.nat(RANDOM_TEMPLATES.length - 1),
      level: fc.constantFrom("ERROR", "WARNING", "FATAL_ERROR"),
      count: fc.integer({ min: 1, max: 50 }),
    }),
    { maxLength: 4, selector: (p) => `${p.template}/${p.level}` },
  ),
});

const connection = (connectionId: number): fc.Arbitrary<ConnectionInput> =>
  fc.record({
    connectionId: fc.constant(connectionId),
    username: fc.constantFrom("Ann@x.io", "ann@x.io", "bob@y.io", "cy@z.io", null),
    ip: fc.constant("10.0.0.1"),
    version: fc.constantFrom("v1", "v2", "v3", "B", null),
    lastUpdated: fc.integer({ min: 0, max: 6 }).map((minute) => BASE_TIME + minute * 60_000),
    clientUrl: fc.option(fc.nat(URLS - 1).map(url), { freq: 4 }),
    serverUrl: fc.option(fc.nat(URLS - 1).map(url), { freq: 4 }),
  });

export const fleetScenario: fc.Arbitrary<FleetScenario> = fc.integer({ min: 1, max: 14 }).chain((count) =>
  fc.record({
    connections: fc.tuple(...Array.from({ length: count }, (_, i) => connection(i + 1))),
    outcomes: fc.array(outcome, { minLength: URLS, maxLength: URLS }),
    changes: fc
      .uniqueArray(fc.integer({ min: 1, max: count }), { maxLength: 4 })
      .chain((ids) => fc.tuple(...ids.map((id) => connection(id)))),
    refetch: fc.uniqueArray(fc.integer({ min: 1, max: count }), { maxLength: 3 }),
    laterOutcomes: fc.array(outcome, { minLength: URLS, maxLength: URLS }),
  }),
);

function toOutcome(spec: OutcomeSpec | undefined): IngestOutcome | undefined {
  if (spec === undefined) return undefined;
  if (spec.kind === "missing") return { kind: "missing", httpStatus: 404 };
  if (spec.kind === "unavailable") return { kind: "unavailable", error: "HTTP 503", retryAt: null };
  const series: Partial<Record<AnyMetricName, [number, number][]>> = {};
  for (const [metric, values] of Object.entries(spec.series)) {
    series[metric as AnyMetricName] = values.map((v, i) => [i, v]);
  }
  return parsedOutcome(
    analysisFixture({
      levels: spec.levels,
      series,
      patterns: spec.patterns.map((p) =>
        patternFixture(RANDOM_TEMPLATES[p.template] as string, p.count, p.level),
      ),
    }),
  );
}

const outcomeOf = (specs: readonly OutcomeSpec[]) => (logUrl: string) =>
  toOutcome(specs[Number(/log(\d+)\.txt$/.exec(logUrl)?.[1])]);

/** Writes the scenario; some logs may be left pending (claimed, never completed). */
export async function applyScenario(store: Store, scenario: FleetScenario): Promise<void> {
  const now = Date.now();
  await store.importConnections(scenario.connections, now);
  await ingestDue(store, outcomeOf(scenario.outcomes), now);
  if (scenario.changes.length > 0) await store.importConnections(scenario.changes, now);
  for (const id of scenario.refetch) {
    const logs = await store.connectionLogs(id);
    if (logs?.client !== undefined) await store.requeue(logs.client, now);
  }
  // The first few URLs get no second outcome: their re-fetches stay pending.
  const later = scenario.laterOutcomes.map((spec, i) => (i < 3 ? undefined : spec));
  await ingestDue(store, (u) => outcomeOf(later as OutcomeSpec[])(u), now + 1);
}
