/**
 * The page's API types (types.ts) must equal what the server's schemas produce. This is a type-level
 * test: `npm run typecheck` (tsconfig.tests.json) fails when the server changes a shape the page has not
 * followed. The runtime assertion only keeps Vitest from reporting an empty file.
 */
import type { Static } from "typebox";
import { describe, expect, it } from "vitest";
import type * as S from "../../../server/src/api/schemas/connection.js";
import type * as H from "../../../server/src/api/schemas/health.js";
import type * as I from "../../../server/src/api/schemas/ingest.js";
import type * as N from "../../../server/src/api/schemas/insights.js";
import type * as L from "../../../server/src/api/schemas/raw-logs.js";
import type * as R from "../../../server/src/api/schemas/series.js";
import type * as W from "./types.js";

/** True only when A and B are assignable both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(ok: Same<A, B>) => ok;

describe("API types", () => {
  it("match the server's schemas", () => {
    const checks = [
      same<W.ConnectionPage, Static<typeof S.ConnectionPageSchema>>(true),
      same<W.ConnectionDetail, Static<typeof S.ConnectionDetailSchema>>(true),
      same<W.IngestStatus, Static<typeof I.IngestStatusSchema>>(true),
      same<W.RefetchResponse, Static<typeof I.RefetchResponseSchema>>(true),
      same<W.FleetChange, Static<typeof I.FleetChangeSchema>>(true),
      same<W.ServerInfo, Static<typeof H.ServerInfoSchema>>(true),
      same<W.VersionsResponse, Static<typeof N.VersionsResponseSchema>>(true),
      same<W.PatternsResponse, Static<typeof N.PatternsResponseSchema>>(true),
      same<W.ErrorLatencyResponse, Static<typeof N.ErrorLatencyResponseSchema>>(true),
      same<W.MetricsResponse, Static<typeof N.MetricsResponseSchema>>(true),
      same<W.UsersResponse, Static<typeof N.UsersResponseSchema>>(true),
      same<W.SeriesResponse, Static<typeof R.SeriesResponseSchema>>(true),
      same<W.RawLogPage, Static<typeof L.RawLogPageSchema>>(true),
      same<W.LogStatus, (typeof S.LOG_STATUSES)[number]>(true),
      same<W.ConnectionSort, (typeof S.CONNECTION_SORTS)[number]>(true),
    ];
    expect(checks.every(Boolean)).toBe(true);
  });
});
