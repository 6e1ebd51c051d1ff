/**
 * A growable pair of columns (times, values) in typed arrays: millions of points cost 16 bytes each and
 * no per-point object, and the columns go straight to statistics, downsampling and storage.
 */
export class SeriesBuffer {
  private times = new Float64Array(64);
  private vals = new Float64Array(64);
  length = 0;

  push(time: number, value: number): void {
    if (this.length === this.times.length) {
      const times = new Float64Array(this.times.length * 2);
      times.set(this.times);
      this.times = times;
      const vals = new Float64Array(this.vals.length * 2);
      vals.set(this.vals);
      this.vals = vals;
    }
    this.times[this.length] = time;
    this.vals[this.length] = value;
    this.length++;
  }

  /** Views of the filled part (no copy). */
  get t(): Float64Array {
    return this.times.subarray(0, this.length);
  }

  get v(): Float64Array {
    return this.vals.subarray(0, this.length);
  }
}
