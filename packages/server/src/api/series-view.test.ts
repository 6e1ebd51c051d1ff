import { describeValues } from "@loupe/core";
import { describe, expect, it } from "vitest";
import { viewSeries } from "./series-view.js";

const columns = (t: number[], v: number[]) => ({ t: Float64Array.from(t), v: Float64Array.from(v) });

describe("viewSeries", () => {
  const series = columns([0, 1, 2, 3, 4, 5, 6, 7], [1, 1, 9, 1, 1, 0, 1, 1]);

  it("keeps every point with maxPoints 0 or when the series is short enough", () => {
    for (const maxPoints of [0, 8, 100]) {
      const view = viewSeries(series, { maxPoints });
      expect([...view.v]).toEqual([1, 1, 9, 1, 1, 0, 1, 1]);
      expect(view.totalPoints).toBe(8);
    }
  });

  it("keeps each bucket's min and max, so the spike and the dip survive", () => {
    // 2 buckets of 4: [1,1,9,1] keeps the 1 at t=0 and the 9 at t=2; [1,0,1,1] keeps the 0 at t=5 and the 1 at t=4.
    const view = viewSeries(series, { maxPoints: 4 });
    expect([...view.t]).toEqual([0, 2, 4, 5]);
    expect([...view.v]).toEqual([1, 9, 1, 0]);
    expect(viewSeries(series, { maxPoints: 1 }).v).toEqual(Float64Array.from([9]));
  });

  it("restricts to [from, to] by time, even when times step back, with the whole series' stats", () => {
    const racing = columns([10, 11, 10.5, 12, 13], [1, 2, 3, 4, 5]);
    const view = viewSeries(racing, { maxPoints: 0, from: 10.5, to: 12 });
    expect([...view.t]).toEqual([11, 10.5, 12]);
    expect(view.totalPoints).toBe(3);
    expect(view.stats).toEqual(describeValues([1, 2, 3, 4, 5]));
    expect(viewSeries(racing, { maxPoints: 0, from: 20 }).totalPoints).toBe(0);
  });

  it("is empty with null stats for a metric the log does not have", () => {
    const view = viewSeries(undefined, { maxPoints: 10 });
    expect(view).toEqual({ t: new Float64Array(0), v: new Float64Array(0), totalPoints: 0, stats: null });
  });
});
