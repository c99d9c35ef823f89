import { describe, expect, it } from "vitest";
import { MAX_CHUNK, chunksOf } from "../../src/sweep/localPool.js";

const range = (n: number) => Array.from({ length: n }, (_, k) => 100 + k);

describe("sweep chunks (guided scheduling)", () => {
  it("cover every point once, in order; taper from the largest size to single points", () => {
    for (const [total, workers] of [[1000, 2], [1000, 1], [37, 4], [1, 2], [0, 2]] as const) {
      const chunks = chunksOf(range(total), workers);
      expect(chunks.flat()).toEqual(range(total));
      const sizes = chunks.map((c) => c.length);
      for (let k = 1; k < sizes.length; k++) expect(sizes[k]).toBeLessThanOrEqual(sizes[k - 1]);
      if (total > 0) expect(sizes.at(-1)).toBe(1);
      expect(Math.max(0, ...sizes)).toBeLessThanOrEqual(MAX_CHUNK);
    }
  });

  it("1,000 points on two threads: chunks of 25 while more than 4 × 25 are left, then ⌈left ÷ 4⌉ (hand count)", () => {
    const sizes = chunksOf(range(1000), 2).map((c) => c.length);
    // 36 chunks of 25 leave 100; then ⌈100/4⌉ = 25, ⌈75/4⌉ = 19, ⌈56/4⌉ = 14, 11, 8, 6, 5, 3, 3, 2, 1, 1, 1, 1.
    expect(sizes).toEqual([...Array(37).fill(25), 19, 14, 11, 8, 6, 5, 3, 3, 2, 1, 1, 1, 1]);
  });

  it("a given size is kept (the distributed engine's --chunk)", () => {
    expect(chunksOf(range(10), 3, { size: 4 }).map((c) => c.length)).toEqual([4, 4, 2]);
  });
});
