/**
 * Neumaier's compensated summation (an improved Kahan sum), used wherever large totals
 * (world income, expenditure) are formed so that the result does not depend on the order
 * of many terms of different magnitude. (d3-array `fsum` does the same.)
 */
export function compensatedSum(values: ArrayLike<number>, start = 0, end = values.length, stride = 1): number {
  let sum = 0;
  let compensation = 0;
  for (let k = start; k < end; k += stride) {
    const v = values[k];
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) compensation += sum - t + v;
    else compensation += v - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/**
 * Many compensated sums at once: add(n, v) is one step of compensatedSum's loop on total n, so totals()[n] is,
 * bit for bit, compensatedSum of the values given for n in the order they were given. For totals whose terms
 * are met interleaved (the columns of a matrix read row by row).
 */
export class NeumaierSums {
  private readonly sum: Float64Array;
  private readonly compensation: Float64Array;
  constructor(count: number) {
    this.sum = new Float64Array(count);
    this.compensation = new Float64Array(count);
  }
  add(n: number, v: number): void {
    const sum = this.sum[n];
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) this.compensation[n] += sum - t + v;
    else this.compensation[n] += v - t + sum;
    this.sum[n] = t;
  }
  totals(): Float64Array {
    const out = new Float64Array(this.sum.length);
    for (let n = 0; n < out.length; n++) out[n] = this.sum[n] + this.compensation[n];
    return out;
  }
  /** Total n of these sums plus total n of `other`, the four parts added compensated (no cancellation between two near-equal totals). */
  totalsPlus(other: NeumaierSums): Float64Array {
    const out = new Float64Array(this.sum.length);
    const parts = new Float64Array(4);
    for (let n = 0; n < out.length; n++) {
      parts[0] = this.sum[n];
      parts[1] = other.sum[n];
      parts[2] = this.compensation[n];
      parts[3] = other.compensation[n];
      out[n] = compensatedSum(parts);
    }
    return out;
  }
}
