/**
 * Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror & Shaw (2011), *Parallel random
 * numbers: as easy as 1, 2, 3* (SC'11), as in the Random123 library: a keyed bijection of a 128-bit
 * counter. Output block = philox(counter, key); nothing is carried from one call to the next, so the
 * numbers of draw k depend on (key, counter) alone — whatever thread, process or machine computes them
 * and in whatever order.
 *
 * Ten rounds of: (L0, R0, L1, R1) ← (hi(M1·x2) ⊕ x1 ⊕ k0, lo(M1·x2), hi(M0·x0) ⊕ x3 ⊕ k1, lo(M0·x0)),
 * key bumped by the Weyl constants between rounds (Random123 philox.h, `philox4x32round`).
 */
const MULTIPLIER_0 = 0xd2511f53;
const MULTIPLIER_1 = 0xcd9e8d57;
const WEYL_0 = 0x9e3779b9;
const WEYL_1 = 0xbb67ae85;
const ROUNDS = 10;

/** High 32 bits of the 64-bit product of two unsigned 32-bit integers (exact, via 16-bit halves). */
function mulHigh(a: number, b: number): number {
  const aLow = a & 0xffff;
  const aHigh = a >>> 16;
  const bLow = b & 0xffff;
  const bHigh = b >>> 16;
  const lowLow = aLow * bLow;
  const middle1 = aHigh * bLow;
  const middle2 = aLow * bHigh;
  const carry = ((lowLow >>> 16) + (middle1 & 0xffff) + (middle2 & 0xffff)) >>> 16;
  return (aHigh * bHigh + (middle1 >>> 16) + (middle2 >>> 16) + carry) >>> 0;
}

/**
 * One Philox4x32-10 block: `out` ← philox(counter, key). `counter` has 4 and `key` 2 unsigned 32-bit
 * words; `out` may be the counter itself. No allocation.
 */
export function philox4x32(counter: Uint32Array, key: Uint32Array, out: Uint32Array): void {
  let x0 = counter[0];
  let x1 = counter[1];
  let x2 = counter[2];
  let x3 = counter[3];
  let k0 = key[0];
  let k1 = key[1];
  for (let round = 0; round < ROUNDS; round++) {
    const high0 = mulHigh(MULTIPLIER_0, x0);
    const low0 = Math.imul(MULTIPLIER_0, x0) >>> 0;
    const high1 = mulHigh(MULTIPLIER_1, x2);
    const low1 = Math.imul(MULTIPLIER_1, x2) >>> 0;
    x0 = (high1 ^ x1 ^ k0) >>> 0;
    x1 = low1;
    x2 = (high0 ^ x3 ^ k1) >>> 0;
    x3 = low0;
    k0 = (k0 + WEYL_0) >>> 0;
    k1 = (k1 + WEYL_1) >>> 0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
}
