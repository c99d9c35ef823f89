import { describe, expect, it } from "vitest";
import { philox4x32 } from "../../src/random/philox.js";
import { DrawStream } from "../../src/random/drawStream.js";

/**
 * Known-answer vectors of Philox4x32-10 from Random123's tests/kat_vectors (Salmon, Moraes, Dror &
 * Shaw 2011, the reference implementation): counter, key → output block.
 */
const KAT: [number[], number[], number[]][] = [
  [[0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]],
  [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]],
  [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]],
];

describe("philox4x32 (Philox4x32-10)", () => {
  it.each(KAT)("reproduces Random123's known-answer vector for counter %j, key %j", (counter, key, expected) => {
    const out = new Uint32Array(4);
    philox4x32(Uint32Array.from(counter), Uint32Array.from(key), out);
    expect(Array.from(out)).toEqual(expected);
  });
});

describe("DrawStream(seed, draw, stream)", () => {
  it("is a function of (seed, draw, stream) alone: the same numbers whatever was drawn before or elsewhere", () => {
    const first = new DrawStream(7, 123, 2);
    const a = [first.uniform(), first.normal(), first.uniform()];
    // Other streams in between change nothing.
    const other = new DrawStream(7, 124, 2);
    other.normal();
    const again = new DrawStream(7, 123, 2);
    expect([again.uniform(), again.normal(), again.uniform()]).toEqual(a);
  });

  it("separates draws, streams and seeds", () => {
    const u = (seed: number, draw: number, stream: number) => new DrawStream(seed, draw, stream).uniform();
    const base = u(1, 0, 0);
    expect(u(1, 1, 0)).not.toBe(base);
    expect(u(1, 0, 1)).not.toBe(base);
    expect(u(2, 0, 0)).not.toBe(base);
    // High words of the seed and of the draw index are used.
    expect(u(1 + 2 ** 32, 0, 0)).not.toBe(base);
    expect(u(1, 2 ** 32, 0)).not.toBe(base);
  });

  it("gives uniforms on [0, 1) with the moments of U(0, 1) and normals with those of N(0, 1)", () => {
    // 20,000 draws: the sample mean of U(0,1) has sd √(1/12/n) ≈ 0.002; of N(0,1) 1/√n ≈ 0.007.
    // Tolerances are 5 standard deviations of the statistic (the test is deterministic: seeded).
    const n = 20000;
    const TOL_UNIFORM_MEAN = 5 * Math.sqrt(1 / 12 / n);
    const TOL_NORMAL_MEAN = 5 / Math.sqrt(n);
    const TOL_NORMAL_VARIANCE = 5 * Math.sqrt(2 / n);
    let sumU = 0;
    let sumZ = 0;
    let sumZ2 = 0;
    for (let k = 0; k < n; k++) {
      const s = new DrawStream(42, k, 0);
      const x = s.uniform();
      expect(x >= 0 && x < 1).toBe(true);
      sumU += x;
      const z = s.normal();
      sumZ += z;
      sumZ2 += z * z;
    }
    expect(Math.abs(sumU / n - 0.5)).toBeLessThan(TOL_UNIFORM_MEAN);
    expect(Math.abs(sumZ / n)).toBeLessThan(TOL_NORMAL_MEAN);
    expect(Math.abs(sumZ2 / n - 1)).toBeLessThan(TOL_NORMAL_VARIANCE);
  });
});
