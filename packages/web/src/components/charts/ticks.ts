/**
 * ERROR and WARNING ticks along the time axis: which entries become ticks, on which log's charts, and
 * where they land in pixels. Pure, so it is unit-tested without a canvas.
 */

export type TickLevel = "error" | "warning";
export type TickSide = "client" | "server";

export interface LevelTick {
  readonly t: number;
  readonly level: TickLevel;
}

export type SideTicks = Record<TickSide, LevelTick[]>;

/** The levels that become ticks; FATAL_ERROR is an error, as the log cards count it. */
const LEVEL_OF: Record<string, TickLevel> = {
  ERROR: "error",
  FATAL_ERROR: "error",
  WARNING: "warning",
};

/** The `level` filter asked of the logs endpoint. */
export const TICK_LEVELS = Object.keys(LEVEL_OF).join(",");

/** Log entries → each log's ticks, in time order (the endpoint interleaves both logs). */
export function ticksFromLogItems(
  items: readonly { side: TickSide; time: number; level: string }[],
): SideTicks {
  const ticks: SideTicks = { client: [], server: [] };
  for (const item of items) {
    const level = LEVEL_OF[item.level.trim().toUpperCase()];
    if (level === undefined || !Number.isFinite(item.time)) continue;
    ticks[item.side]?.push({ t: item.time, level });
  }
  ticks.client.sort((a, b) => a.t - b.t);
  ticks.server.sort((a, b) => a.t - b.t);
  return ticks;
}

/** How many of each level. */
export function countTicks(ticks: readonly LevelTick[]): Record<TickLevel, number> {
  let error = 0;
  for (const tick of ticks) if (tick.level === "error") error++;
  return { error, warning: ticks.length - error };
}

export interface TickMark {
  /** Pixel column from the left of the plot area. */
  readonly x: number;
  readonly level: TickLevel;
}

/**
 * Ticks inside [min, max] on a plot `width` pixels wide, at most one per pixel column: thousands of
 * warnings in a burst become one solid band instead of thousands of overdrawn lines, and an error in a
 * column wins over warnings (it is the one that must not be missed).
 */
export function tickMarks(ticks: readonly LevelTick[], min: number, max: number, width: number): TickMark[] {
  const columns = Math.floor(width);
  if (!(max > min) || columns <= 0) return [];
  const seen = new Uint8Array(columns); // 0 none, 1 warning, 2 error
  const scale = (columns - 1) / (max - min);
  for (const tick of ticks) {
    if (tick.t < min || tick.t > max) continue;
    const x = Math.round((tick.t - min) * scale);
    const rank = tick.level === "error" ? 2 : 1;
    if ((seen[x] as number) < rank) seen[x] = rank;
  }
  const marks: TickMark[] = [];
  for (let x = 0; x < columns; x++) {
    const rank = seen[x];
    if (rank) marks.push({ x, level: rank === 2 ? "error" : "warning" });
  }
  return marks;
}
