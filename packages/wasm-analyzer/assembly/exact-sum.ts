// Correctly rounded sums (exact-sum.ts in the core): Σ values or Σ (x − center)² of `count` doubles at
// `values`, rounded once. Two ways to the same bits: fixed-point digits (fast), Shewchuk's partials (the
// core's algorithm, kept where the fast way cannot decide).

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

function fixedPointSum(values: usize, count: i32, center: f64, squares: bool): f64 {
  memory.fill(digits, 0, <usize>DIGITS << 3);
  for (let v = 0; v < count; v++) {
    let x = load<f64>(values + (<usize>v << 3));
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

export function correctlyRoundedSum(values: usize, count: i32, center: f64, squares: bool): f64 {
  const fast = fixedPointSum(values, count, center, squares);
  return isNaN(fast) ? exactSum(values, count, center, squares) : fast;
}

const MAX_PARTIALS: i32 = 128;
const partials: usize = memory.data(MAX_PARTIALS * 8, 16);
@inline function partial(i: i32): f64 { return load<f64>(partials + (<usize>i << 3)); }
@inline function setPartial(i: i32, x: f64): void { store<f64>(partials + (<usize>i << 3), x); }

/** Σ values (or Σ (x − center)² when `squares`), correctly rounded, like exactSum / exactSumOfSquaredDeviations. */
function exactSum(values: usize, count: i32, center: f64, squares: bool): f64 {
  let n = 0;
  let plain: f64 = 0;
  for (let v = 0; v < count; v++) {
    let x = load<f64>(values + (<usize>v << 3));
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
