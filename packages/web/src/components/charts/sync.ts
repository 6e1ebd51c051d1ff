/**
 * How the four charts move together. The cursor is shared through uPlot's sync key (one per open
 * connection, so two mounted details never cross-talk). Zoom is shared through React state instead:
 * a drag in any chart reports a time range, the parent fetches full-resolution points for it and sets
 * the same range on every chart; a double-click resets. A click without a drag picks the nearest point.
 */
import type uPlot from "uplot";

export interface ChartInteractions {
  onZoom(from: number, to: number): void;
  onReset(): void;
  onPick(time: number): void;
}

/** A drag narrower than this (CSS px) is a wobbly click, not a zoom. */
const MIN_DRAG_PX = 5;

export const syncKey = (connectionId: number, instance: string) => `loupe-charts-${connectionId}-${instance}`;

/** The cursor options every chart of one connection shares. */
export function syncedCursor(key: string, actions: () => ChartInteractions): uPlot.Cursor {
  return {
    y: false,
    sync: { key, setSeries: false },
    drag: { x: true, y: false, setScale: false, dist: MIN_DRAG_PX, click: () => {} },
    bind: {
      // uPlot's own double-click re-fits this chart to its data; ours resets all four to the session.
      dblclick: () => (event) => {
        if (event.button === 0) actions().onReset();
        return null;
      },
    },
  };
}

/** Zoom on drag-select, pick on click. Reads `actions()` at event time, so the callbacks stay current. */
export function interactionsPlugin(actions: () => ChartInteractions): uPlot.Plugin {
  let downX: number | null = null;
  const onDown = (event: MouseEvent) => {
    downX = event.button === 0 ? event.clientX : null;
  };
  return {
    hooks: {
      ready: (u) => {
        u.over.addEventListener("mousedown", onDown);
        u.over.addEventListener("click", (event) => {
          if (downX === null || Math.abs(event.clientX - downX) >= MIN_DRAG_PX) return;
          const time = nearestTime(u);
          if (time !== null) actions().onPick(time);
        });
      },
      setSelect: (u) => {
        const { left, width } = u.select;
        // Synced charts mirror the selection without an event of their own: only the source reports.
        const isSource = u.cursor.event != null;
        u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        if (!isSource || width < MIN_DRAG_PX) return;
        const from = u.posToVal(left, "x");
        const to = u.posToVal(left + width, "x");
        if (to > from) actions().onZoom(from, to);
      },
    },
  };
}

/**
 * The keyboard on a focused chart: ← → move the shared cursor (Shift: ten times further), Enter picks the
 * point under it (as a click does), Escape resets the zoom. Returns whether the key was used.
 */
export function chartKey(u: uPlot, event: KeyboardEvent, actions: ChartInteractions): boolean {
  const width = u.over.clientWidth;
  const left = u.cursor.left ?? -1;
  switch (event.key) {
    case "ArrowLeft":
    case "ArrowRight": {
      const step = (width / 100) * (event.shiftKey ? 10 : 1) * (event.key === "ArrowLeft" ? -1 : 1);
      const next = left < 0 ? width / 2 : Math.min(width - 1, Math.max(0, left + step));
      u.setCursor({ left: next, top: u.over.clientHeight / 2 });
      return true;
    }
    case "Enter": {
      const time = left < 0 ? null : nearestTime(u);
      if (time !== null) actions.onPick(time);
      return time !== null;
    }
    case "Escape":
      actions.onReset();
      return true;
    default:
      return false;
  }
}

/** The time of the data point nearest the cursor, skipping the nulls that mark gaps. */
function nearestTime(u: uPlot): number | null {
  const idx = u.cursor.idx;
  if (idx === null || idx === undefined) return null;
  const ys = u.data[1];
  if (!ys || ys[idx] === null || ys[idx] === undefined) return null;
  return u.data[0][idx] ?? null;
}
