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
