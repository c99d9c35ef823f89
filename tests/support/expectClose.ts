import { expect } from "vitest";

/**
 * Asserts |actual − expected| ≤ tolerance; the failure message prints actual, expected, tolerance
 * and what was compared, so a failing reference test says by how much it missed.
 */
export function expectClose(actual: number, expected: number, tolerance: number, what: string): void {
  const difference = Math.abs(actual - expected);
  const ok = Number.isFinite(actual) && difference <= tolerance;
  expect(ok, `${what}: actual ${actual}, expected ${expected}, |difference| ${difference} > tolerance ${tolerance}`).toBe(true);
}
