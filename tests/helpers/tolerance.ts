import { expect } from "vitest";

/** Asserts |actual − expected| ≤ tolerance, printing all three (and what was compared) on failure. */
export function expectClose(actual: number, expected: number, tolerance: number, what = "value"): void {
  const ok = Number.isFinite(actual) && Math.abs(actual - expected) <= tolerance;
  if (!ok) {
    expect.fail(`${what}: actual ${actual}, expected ${expected}, tolerance ${tolerance} (off by ${Math.abs(actual - expected)})`);
  }
}
