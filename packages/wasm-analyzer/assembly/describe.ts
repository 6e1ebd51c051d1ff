// `describeValues` (packages/core/src/stats/describe.ts) ported operation for operation: the same
// selection (same pivots, same fallback sort), the same correctly rounded sums, the same NumPy-style
// interpolation, so every statistic has the same bits. Checked against the core by the package's tests.
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
  const mean = Math.min(Math.max(correctlyRoundedSum(count, 0, false) / <f64>count, min), max);
  setStat(0, min);
  setStat(1, max);
  setStat(2, mean);
  setStat(3, median + 0);
  setStat(4, p95 + 0);
  setStat(5, Math.sqrt(correctlyRoundedSum(count, mean, true) / <f64>count));
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

// ---- exact-sum.ts ----

/**
 * Σ values (or Σ (x − center)²), correctly rounded, like exactSum: the fast way. Every finite double is an
 * integer multiple of 2^-1074, so the exact sum is one big integer, accumulated in 32-bit digits held in
 * i64 slots (room for 2^31 additions before a digit could overflow), then rounded once, ties to even.
 * Returns NaN to mean "use exactSum": when a term is huge (the core's running plain sum could overflow,
 * which decides its answer) or the sum is zero (whose sign the core's algorithm decides).
 */
const DIGITS: i32 = 72;
const digits: usize = memory.data(DIGITS * 8, 16);
const HUGE: f64 = 2.0 ** 969;

@inline function digitAt(k: i32): i64 { return load<i64>(digits + (<usize>k << 3)); }
@inline function setDigit(k: i32, x: i64): void { store<i64>(digits + (<usize>k << 3), x); }

function fixedPointSum(count: i32, center: f64, squares: bool): f64 {
  memory.fill(digits, 0, <usize>DIGITS << 3);
  for (let v = 0; v < count; v++) {
    let x = at(v);
    if (squares) {
      const d = x - center;
      x = d * d;
    }
    if (!(Math.abs(x) < HUGE)) return NaN;
    const bits = reinterpret<u64>(x);
    const exponent = <i32>((bits >> 52) & 0x7ff);
    let m = bits & 0xfffffffffffff;
    let shift = 0;
    if (exponent != 0) {
      m |= <u64>1 << 52;
      shift = exponent - 1;
    }
    const k = shift >> 5;
    const offset = shift & 31;
    const low = m << <u64>offset;
    // The bits of m shifted past 64 (m has 53 bits, so only when offset > 11).
    const high: u64 = offset > 11 ? m >> <u64>(64 - offset) : 0;
    const slot = digits + (<usize>k << 3);
    if (<i64>bits < 0) {
      store<i64>(slot, load<i64>(slot) - <i64>(low & 0xffffffff));
      store<i64>(slot + 8, load<i64>(slot + 8) - <i64>(low >> 32));
      store<i64>(slot + 16, load<i64>(slot + 16) - <i64>high);
    } else {
      store<i64>(slot, load<i64>(slot) + <i64>(low & 0xffffffff));
      store<i64>(slot + 8, load<i64>(slot + 8) + <i64>(low >> 32));
      store<i64>(slot + 16, load<i64>(slot + 16) + <i64>high);
    }
  }
  // Carry into base-2^32 digits; the final carry is the sign (0 or -1, two's complement).
  let carry: i64 = 0;
  for (let k = 0; k < DIGITS; k++) {
    const value = digitAt(k) + carry;
    carry = value >> 32;
    setDigit(k, value & 0xffffffff);
  }
  const negative = carry < 0;
  if (negative) {
    let add: i64 = 1;
    for (let k = 0; k < DIGITS; k++) {
      const value = (~digitAt(k) & 0xffffffff) + add;
      add = value >> 32;
      setDigit(k, value & 0xffffffff);
    }
  }
  let top = DIGITS - 1;
  while (top >= 0 && digitAt(top) == 0) top--;
  if (top < 0) return NaN;
  const bitLength = top * 32 + (32 - <i32>clz(<u32>digitAt(top)));
  let magnitude: f64;
  if (bitLength <= 53) {
    // Below 2^53 units of 2^-1074 the bits of the integer are the double's bits (subnormal or exponent 1).
    magnitude = reinterpret<f64>((<u64>digitAt(1) << 32) | <u64>digitAt(0));
  } else {
    let drop = bitLength - 53;
    let mantissa: u64 = 0;
    for (let b = bitLength - 1; b >= drop; b--) mantissa = (mantissa << 1) | bitAt(b);
    const roundBit = bitAt(drop - 1);
    if (roundBit != 0 && (mantissa & 1 || anyBitBelow(drop - 1))) mantissa++;
    if (mantissa == <u64>1 << 53) {
      mantissa >>= 1;
      drop++;
    }
    magnitude = reinterpret<f64>((<u64>(drop + 1) << 52) | (mantissa & 0xfffffffffffff));
  }
  return negative ? -magnitude : magnitude;
}

@inline function bitAt(b: i32): u64 {
  return (<u64>digitAt(b >> 5) >> <u64>(b & 31)) & 1;
}

function anyBitBelow(b: i32): bool {
  for (let k = 0; k < b >> 5; k++) if (digitAt(k) != 0) return true;
  return (<u64>digitAt(b >> 5) & ((<u64>1 << <u64>(b & 31)) - 1)) != 0;
}

function correctlyRoundedSum(count: i32, center: f64, squares: bool): f64 {
  const fast = fixedPointSum(count, center, squares);
  return isNaN(fast) ? exactSum(count, center, squares) : fast;
}

const MAX_PARTIALS: i32 = 128;
const partials: usize = memory.data(MAX_PARTIALS * 8, 16);
@inline function partial(i: i32): f64 { return load<f64>(partials + (<usize>i << 3)); }
@inline function setPartial(i: i32, x: f64): void { store<f64>(partials + (<usize>i << 3), x); }

/** Σ values (or Σ (x − center)² when `squares`), correctly rounded, like exactSum / exactSumOfSquaredDeviations. */
function exactSum(count: i32, center: f64, squares: bool): f64 {
  let n = 0;
  let plain: f64 = 0;
  for (let v = 0; v < count; v++) {
    let x = at(v);
    if (squares) {
      const d = x - center;
      x = d * d;
    }
    plain += x;
    let i = 0;
    for (let j = 0; j < n; j++) {
      let y = partial(j);
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo != 0) setPartial(i++, lo);
      x = hi;
    }
    setPartial(i++, x);
    n = i;
  }
  return isFinite(plain) ? roundPartials(n) : plain;
}

function roundPartials(count: i32): f64 {
  if (count == 0) return 0;
  let n = count - 1;
  let hi = partial(n);
  let lo: f64 = 0;
  while (n > 0) {
    const x = hi;
    const y = partial(--n);
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo != 0) break;
  }
  if (n > 0 && ((lo < 0 && partial(n - 1) < 0) || (lo > 0 && partial(n - 1) > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y == x - hi) hi = x;
  }
  return hi;
}
