/**
 * Seeded randomness for the demo data. Everything the demo produces is a pure function of a numeric seed,
 * so the same seed gives the same manifest and the same bytes on every machine and every run.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): four 32-bit words, only
 * 32-bit integer operations (fast in JavaScript), passes PractRand, period ≥ 2^32 thanks to its counter.
 * Streams are keyed by hashing, e.g. `createRng(seed, connectionId, "client")`, so any one log can be
 * generated on its own without generating the others first.
 */

type KeyPart = string | number;

/** murmur3's finaliser: spreads every input bit over the whole word. */
function fmix32(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

function mixWord(h: number, word: number): number {
  let k = Math.imul(word | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  const x = h ^ k;
  return (Math.imul((x << 13) | (x >>> 19), 5) + 0xe6546b64) >>> 0;
}

/** 32-bit hash of a key made of strings and numbers; a tag per part keeps `("1", 2)` apart from `(1, "2")`. */
export function hashKey(...parts: readonly KeyPart[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    if (typeof part === "number" && Number.isSafeInteger(part)) {
      h = mixWord(h, 0x4e);
      h = mixWord(h, part % 0x1_0000_0000);
      h = mixWord(h, Math.floor(part / 0x1_0000_0000));
    } else {
      const text = String(part);
      h = mixWord(h, 0x53 + text.length * 0x100);
      for (let i = 0; i < text.length; i++) h = mixWord(h, text.charCodeAt(i));
    }
  }
  return fmix32(h);
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Box–Muller yields two normals per draw; the second one waits here. */
  private spareNormal = Number.NaN;

  constructor(seedWord: number) {
    // splitmix32 expands one word into the four state words, so nearby seeds start far apart.
    let s = seedWord >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      return fmix32(s);
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4_294_967_296;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One of `choices`, each as likely as its weight (weights need not sum to 1). */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let u = this.next() * total;
    for (const [value, w] of choices) {
      u -= w;
      if (u < 0) return value;
    }
    const last = choices[choices.length - 1];
    if (last === undefined) throw new RangeError("weighted pick from an empty list");
    return last[0];
  }

  /** Gaussian by Box–Muller. */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = Number.NaN;
      return mean + sd * z;
    }
    let u = this.next();
    while (u === 0) u = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    return mean + sd * radius * Math.cos(angle);
  }

  /** Log-normal parametrised by its median (e^μ) and σ of the underlying normal. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Waiting time of a Poisson process with `ratePerUnit` events per unit; never exactly 0. */
  exponential(ratePerUnit: number): number {
    const u = (this.nextUint32() + 0.5) / 4_294_967_296;
    return -Math.log(u) / ratePerUnit;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

/** An independent stream for a key, e.g. `createRng(seed, connectionId, "server")`. */
export function createRng(...key: readonly KeyPart[]): Rng {
  return new Rng(hashKey(...key));
}

/**
 * Ranks 0…n-1 drawn with probability ∝ 1/(rank+1)^exponent: a few message shapes dominate a log and a long
 * tail shows up now and then, as in real logs. The CDF is precomputed so a draw is one binary search.
 */
export class ZipfSampler {
  private readonly cdf: Float64Array;

  constructor(
    readonly size: number,
    readonly exponent: number,
  ) {
    if (size < 1) throw new RangeError("Zipf sampler needs at least one rank");
    this.cdf = new Float64Array(size);
    let total = 0;
    for (let r = 0; r < size; r++) {
      total += 1 / (r + 1) ** exponent;
      this.cdf[r] = total;
    }
    for (let r = 0; r < size; r++) this.cdf[r] = (this.cdf[r] as number) / total;
  }

  sample(rng: Rng): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cdf[mid] as number) > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
