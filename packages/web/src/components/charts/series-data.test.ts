import { describe, expect, it } from "vitest";
import { withAlpha } from "./chart-theme.js";
import { chartSummary, METRIC_VIEWS } from "./metrics.js";
import { noticeWords } from "./notice-words.js";
import { disjointSpans, timeExtent, toChartColumns } from "./series-data.js";

describe("toChartColumns", () => {
  it("converts values to display units", () => {
    expect(toChartColumns([1, 2, 3], [0.01, 0.02, 0.03], "seconds")).toEqual([
      [1, 2, 3],
      [10, 20, 30],
    ]);
    expect(toChartColumns([1], [2048], "bytes")).toEqual([[1], [2]]);
  });

  it("sorts small backward steps (threads racing) without losing points", () => {
    const [xs, ys] = toChartColumns([1, 2, 1.5, 3], [1, 2, 3, 4], "bytes");
    expect(xs).toEqual([1, 1.5, 2, 3]);
    expect(ys.map((y) => (y === null ? null : y * 1024))).toEqual([1, 3, 2, 4]);
  });

  it("breaks the line where the log is silent for long", () => {
    const t = [0, 1, 2, 3, 4, 100, 101, 102];
    const [xs, ys] = toChartColumns(
      t,
      t.map(() => 0.001),
      "seconds",
    );
    expect(xs).toEqual([0, 1, 2, 3, 4, 52, 100, 101, 102]);
    expect(ys[5]).toBeNull();
    expect(ys.filter((y) => y !== null)).toHaveLength(8);
  });

  it("leaves short series and regular steps alone", () => {
    expect(toChartColumns([0, 600], [1, 1], "bytes")[0]).toEqual([0, 600]);
    expect(toChartColumns([], [], "bytes")).toEqual([[], []]);
  });
});

describe("timeExtent and disjointSpans", () => {
  it("spans all series, ignoring the empty ones", () => {
    expect(timeExtent([[5, 9], undefined, [], [1, 3]])).toEqual([1, 9]);
    expect(timeExtent([undefined, []])).toBeNull();
    expect(timeExtent([[7]])).toEqual([6, 8]);
  });

  it("notices two logs that never overlap", () => {
    expect(disjointSpans([0, 10], [20, 30])).toEqual({ client: [0, 10], server: [20, 30] });
    expect(disjointSpans([0, 25], [20, 30])).toBeNull();
    expect(disjointSpans(null, [20, 30])).toBeNull();
  });
});

describe("noticeWords", () => {
  const client = ["latency", "decode time"];
  it("says which log and why, for every status without data", () => {
    expect(noticeWords("client", "not_recorded", client, null)).toMatchObject({
      title: "No client log was uploaded",
      body: "This session has no client log, so there is no latency or decode time to chart.",
    });
    expect(noticeWords("server", "missing", ["encode time", "encode size"], "HTTP 404")?.title).toBe(
      "Server log missing at the source",
    );
    expect(noticeWords("server", "missing", ["encode time"], "HTTP 404")?.body).toContain("(HTTP 404)");
    expect(noticeWords("client", "unavailable", client, null)?.title).toBe(
      "Client log temporarily unavailable",
    );
    expect(noticeWords("client", "invalid", client, null)?.title).toBe("The client log is not a log file");
    expect(noticeWords("client", "pending", client, null)?.title).toBe("Client log is being ingested");
    expect(noticeWords("client", "ok", client, null)).toBeNull();
  });
});

describe("chartSummary", () => {
  it("tells a screen reader the extent, the statistics and the ticks", () => {
    const latency = METRIC_VIEWS[0];
    if (!latency) throw new Error("no latency view");
    const stats = { count: 3, min: 0.01, max: 0.5, mean: 0.2, median: 0.1, p95: 0.45, std: 0.1 };
    const text = chartSummary(
      latency,
      { t: [62747, 63000, 86_410], totalPoints: 3, stats },
      { error: 1, warning: 2 },
    );
    expect(text).toBe(
      "Latency from the client log: 3 points from 17:25:47 to +1d 00:00:10. Median 100 ms, p95 450 ms, " +
        "mean 200 ms, minimum 10.0 ms, maximum 500 ms. 1 error and 2 warnings are marked on the time axis.",
    );
  });
});

describe("withAlpha", () => {
  it("adds transparency to the colours a canvas reports", () => {
    expect(withAlpha("#5b9bff", 0.2)).toBe("rgba(91, 155, 255, 0.2)");
    expect(withAlpha("rgba(1, 2, 3, 1)", 0.5)).toBe("rgba(1, 2, 3, 0.5)");
    expect(withAlpha("red", 0.5)).toBe("red");
  });
});
