/**
 * `Float64Array.from(source, f)` and `Uint8Array.from(source, f)` without the iterator protocol: V8 runs
 * TypedArray.from with a map function through a generic path about 40× slower than a loop (2.4 ms against
 * 0.06 ms for 194² entries), which made it a fifth of a bloc's solve time. Same values, same order.
 */
export function mapToFloat64<T>(source: ArrayLike<T>, f: (value: T, index: number) => number): Float64Array {
  const out = new Float64Array(source.length);
  for (let k = 0; k < source.length; k++) out[k] = f(source[k], k);
  return out;
}

export function mapToUint8<T>(source: ArrayLike<T>, f: (value: T, index: number) => number): Uint8Array {
  const out = new Uint8Array(source.length);
  for (let k = 0; k < source.length; k++) out[k] = f(source[k], k);
  return out;
}
