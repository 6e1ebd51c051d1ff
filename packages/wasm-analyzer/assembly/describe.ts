// `describeValues` (packages/core/src/stats/describe.ts) ported operation for operation: the same
// selection (same pivots, same fallback sort), the same correctly rounded sums, the same NumPy-style
// interpolation, so every statistic has the same bits. Checked against the core by the package's tests.
import { correctlyRoundedSum } from "./exact-sum";
import { copyValues, pointCount } from "./series";

/** Where the values being described are (see describeSeries). */
let work: usize = 0;
/** A work area of this module's own, for series too long for the scratch buffer; grown for the largest. */
let workArea: usize = 0;
let workCapacity: i32 = 0;
/** min, max, mean, median, p95, std of the last describe. */
const statsOut: usize = memory.data(6 * 8, 16);

export function statsAddress(): usize { return statsOut; }

@inline function setStat(k: i32, x: f64): void { store<f64>(statsOut + (<usize>k << 3), x); }

/**
 * Statistics of a series (which must not be empty) into statsOut. The values are copied to `scratch` when
 * they fit (the scanner lends its input buffer once the log is read: memory already paged in), else to a
 * work area allocated here (memory may grow).
 */
export function describeSeries(definition: i32, scratch: usize, scratchBytes: i32): void {
  const count = pointCount(definition);
  if ((<i64>count << 3) <= <i64>scratchBytes) {
    work = scratch;
  } else {
    if (count > workCapacity) {
      workArea = heap.alloc(<usize>count << 3);
      workCapacity = count;
    }
    work = workArea;
  }
  copyValues(definition, work);
  describeWork(count);
}

@inline function at(i: i32): f64 { return load<f64>(work + (<usize>i << 3)); }
@inline function put(i: i32, x: f64): void { store<f64>(work + (<usize>i << 3), x); }

function describeWork(count: i32): void {
  for (let i = 0; i < count; i++) {
    if (isNaN(at(i))) {
      for (let k = 0; k < 6; k++) setStat(k, NaN);
      return;
    }
  }
  let min = at(0);
  let max = min;
  for (let i = 1; i < count; i++) {
    const x = at(i);
    if (x < min) min = x;
    else if (x > max) max = x;
  }
  const upperMiddle = count >> 1;
  const medianIndex = count % 2 == 1 ? upperMiddle : upperMiddle - 1;
  selectInPlace(medianIndex, 0, count);
  const median = count % 2 == 1 ? at(medianIndex) : medianOfTwo(at(medianIndex), minimumOf(upperMiddle, count));
  const virtualIndex = <f64>(count - 1) * 0.95;
  let p95 = max;
  if (virtualIndex < <f64>(count - 1)) {
    const lower = <i32>Math.floor(virtualIndex);
    if (lower > medianIndex) selectInPlace(lower, medianIndex + 1, count);
    p95 = lerpLikeNumpy(at(lower), minimumOf(lower + 1, count), virtualIndex - <f64>lower);
  }
  min += 0;
  max += 0;
  const mean = Math.min(Math.max(correctlyRoundedSum(work, count, 0, false) / <f64>count, min), max);
  setStat(0, min);
  setStat(1, max);
  setStat(2, mean);
  setStat(3, median + 0);
  setStat(4, p95 + 0);
  setStat(5, Math.sqrt(correctlyRoundedSum(work, count, mean, true) / <f64>count));
}

// ---- quantile.ts ----

function lerpLikeNumpy(a: f64, b: f64, t: f64): f64 {
  if (a == b) return a;
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

/** medianSorted of the two middle values. */
function medianOfTwo(a: f64, b: f64): f64 {
  const sum = a + b;
  if (!isFinite(sum) && isFinite(a) && isFinite(b)) return a / 2 + b / 2;
  return sum / 2;
}

// ---- select.ts ----

function selectInPlace(k: i32, from: i32, to: i32): void {
  let lo = from;
  let hi = to - 1;
  // 2 * ceil(log2(to - from + 1)) + 8, in integers.
  const span = to - from + 1;
  let budget = 2 * (span <= 1 ? 0 : 32 - <i32>clz(span - 1)) + 8;
  while (hi > lo) {
    if (budget-- == 0 || hi - lo < 16) {
      sortRange(lo, hi + 1);
      return;
    }
    const pivot = medianOfThree(at(lo), at((lo + hi) >>> 1), at(hi));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (at(i) < pivot) i++;
      while (at(j) > pivot) j--;
      if (i <= j) {
        const t = at(i);
        put(i, at(j));
        put(j, t);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function medianOfThree(x: f64, y: f64, z: f64): f64 {
  return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
}

function minimumOf(from: i32, to: i32): f64 {
  let m = at(from);
  for (let i = from + 1; i < to; i++) if (at(i) < m) m = at(i);
  return m;
}

/** TypedArray.prototype.sort's order (ascending, -0 before +0; no NaN here): heapsort, so no input is quadratic. */
@inline function before(x: f64, y: f64): bool {
  return x < y || (x == 0 && y == 0 && reinterpret<i64>(x) < 0 && reinterpret<i64>(y) >= 0);
}

function sortRange(from: i32, to: i32): void {
  const n = to - from;
  for (let start = (n >> 1) - 1; start >= 0; start--) siftDown(from, start, n);
  for (let end = n - 1; end > 0; end--) {
    const t = at(from);
    put(from, at(from + end));
    put(from + end, t);
    siftDown(from, 0, end);
  }
}

function siftDown(base: i32, root: i32, n: i32): void {
  for (;;) {
    let child = 2 * root + 1;
    if (child >= n) return;
    if (child + 1 < n && before(at(base + child), at(base + child + 1))) child++;
    if (!before(at(base + root), at(base + child))) return;
    const t = at(base + root);
    put(base + root, at(base + child));
    put(base + child, t);
    root = child;
  }
}
