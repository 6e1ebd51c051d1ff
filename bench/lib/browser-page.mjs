// The browser benchmark's page side: a fresh context with init scripts that record the first connection
// row and the charts drawn, and the in-page recorders (serialized by page.evaluate, so each is
// self-contained): the idle requestAnimationFrame rate and a scroll driven one step per frame.

/** A fresh context whose init script records the first row and (with chart labels) the charts drawn. */
export async function withPage(browser, body, chartLabels = []) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: "dark" });
  try {
    await context.addInitScript((labels) => {
      const rowSelector = '#connections-grid [role="row"][id^="connection-row-"]';
      new MutationObserver((_, observer) => {
        if (window.__firstRow === undefined && document.querySelector(rowSelector)) {
          window.__firstRow = performance.now();
          if (labels.length === 0) observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
      if (labels.length === 0) return;
      const inked = (canvas) => {
        if (canvas.width === 0 || canvas.height === 0) return false;
        const data = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
        let n = 0;
        for (let i = 3; i < data.length; i += 16) if (data[i] > 0 && ++n > 200) return true;
        return false;
      };
      const poll = () => {
        const drawn = labels.every((label) => {
          const canvas = document.querySelector(`[aria-label="${label}"] canvas`);
          return canvas !== null && inked(canvas);
        });
        if (drawn) window.__chartsDrawn = performance.now();
        else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    }, chartLabels);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return await body(page);
  } finally {
    await context.close();
  }
}

/** In the page: requestAnimationFrame callbacks per second on an idle page, over `frames` frames. */
export function idleFrameRate(frames) {
  return new Promise((resolve) => {
    const times = [];
    const frame = (now) => {
      times.push(now);
      if (times.length <= frames) requestAnimationFrame(frame);
      else resolve((frames * 1000) / (times[frames] - times[0]));
    };
    requestAnimationFrame(frame);
  });
}

/**
 * In the page: scrolls the element matching `selector` one step per frame, recording frame intervals,
 * the main-thread time of each frame (rAF callback → a task posted from it) and long tasks. `mode:
 * "rows"` scrolls 120 px a frame (about a wheel notch) until grid row `target` is rendered; `mode:
 * "bottom"` scrolls to the bottom in about 1,200 frames and reports the last line number on screen once
 * its lines have arrived; `mode: "span"` scrolls `step` px a frame until `target` px.
 * `moved[i]` says whether the step before interval i moved the scroller: an interval after a step that
 * could not move (at the end of the loaded rows, waiting for the next page) did no scrolling work.
 * `loading[i]`: whether a row matching `placeholder` (its data has not arrived) was on screen.
 */
export function recordScroll({ selector, mode, target, placeholder, step: spanStep }) {
  return new Promise((resolve, reject) => {
    const scroller = document.querySelector(selector);
    if (!scroller) return reject(new Error(`no ${selector}`));
    const rowsReached = () => {
      let max = 0;
      for (const row of scroller.querySelectorAll('[role="row"][id^="connection-row-"]')) {
        max = Math.max(max, Number(row.getAttribute("aria-rowindex")) - 1);
      }
      return max;
    };
    const lastLineShown = () => {
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, line-number gutter included.
      const text = scroller.innerText.trim().split("\n");
      const numbers = text.map((l) => Number.parseInt(l.replace(/,/g, ""), 10)).filter(Number.isFinite);
      return numbers.length > 0 ? Math.max(...numbers) : Number.NaN;
    };
    // At the bottom: 30 frames, then until the last page of lines has arrived (a line number is on
    // screen; an uncapped run gets there before the page does), at most 5 s.
    const placeholderOnScreen = () => {
      const view = scroller.getBoundingClientRect();
      for (const row of scroller.querySelectorAll(placeholder)) {
        const box = row.getBoundingClientRect();
        if (box.bottom > view.top && box.top < view.bottom) return true;
      }
      return false;
    };
    let atBottomFrames = 0;
    let bottomSince = 0;
    const done = () => {
      if (mode === "rows") return rowsReached() >= target;
      if (mode === "span") return scroller.scrollTop >= target;
      const bottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
      atBottomFrames = bottom ? atBottomFrames + 1 : 0;
      if (atBottomFrames === 1) bottomSince = performance.now();
      if (atBottomFrames <= 30) return false;
      return Number.isFinite(lastLineShown()) || performance.now() - bottomSince > 5000;
    };
    const step = () => {
      if (mode === "rows") return 120;
      if (mode === "span") return spanStep;
      return Math.max(60, Math.ceil(scroller.scrollHeight / 1200));
    };

    const intervals = [];
    const moved = [];
    const loading = [];
    const work = [];
    let longTasks = 0;
    let longTaskMs = 0;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        longTasks++;
        longTaskMs += e.duration;
      }
    });
    observer.observe({ type: "longtask" });
    const channel = new MessageChannel();
    let frameStart = 0;
    channel.port1.onmessage = () => work.push(performance.now() - frameStart);
    const started = performance.now();
    let last = 0;
    let lastMoved = false;
    const frame = (now) => {
      frameStart = performance.now();
      if (last > 0) {
        intervals.push(now - last);
        moved.push(lastMoved);
        loading.push(placeholder !== undefined && placeholderOnScreen());
      }
      last = now;
      if (done() || now - started > 120_000) {
        observer.disconnect();
        resolve({
          intervals,
          moved,
          loading,
          work,
          longTasks,
          longTaskMs,
          elapsed: now - started,
          height: scroller.scrollHeight,
          reached: mode === "rows" ? rowsReached() : undefined,
          lastLine: mode === "bottom" ? lastLineShown() : undefined,
        });
        return;
      }
      const before = scroller.scrollTop;
      scroller.scrollTop += step();
      lastMoved = scroller.scrollTop !== before;
      channel.port2.postMessage(null);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/**
 * In the page: scrolls the element matching `selector` `step` px at a time down to `target` px, moving
 * on only once no `placeholder` row is on screen (so every part of it is loaded and in the page's
 * cache), then back to the top.
 */
export function loadSpan({ selector, placeholder, target, step }) {
  return new Promise((resolve, reject) => {
    const scroller = document.querySelector(selector);
    if (!scroller) return reject(new Error(`no ${selector}`));
    const started = performance.now();
    const frame = () => {
      if (performance.now() - started > 60_000) return reject(new Error("loading took over a minute"));
      const view = scroller.getBoundingClientRect();
      const loading = [...scroller.querySelectorAll(placeholder)].some((row) => {
        const box = row.getBoundingClientRect();
        return box.bottom > view.top && box.top < view.bottom;
      });
      if (!loading) {
        if (scroller.scrollTop >= target) {
          scroller.scrollTop = 0;
          return resolve();
        }
        scroller.scrollTop += step;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}
