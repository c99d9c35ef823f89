import { existsSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { PpmlResult } from "../src/estimation/ppmlResult.js";

/** The shared reference data, read in place (data/README.md: tests fail, never skip, when a file is missing). */
export const SHARED_DATA = path.resolve(process.cwd(), "../shared/data");

/** Absolute path of a shared data file; throws naming the path when it is missing. */
export function sharedDataFile(relative: string): string {
  const file = path.join(SHARED_DATA, relative);
  if (!existsSync(file)) throw new Error(`reference data file missing: ${file} (expected the shared data at ../shared/data)`);
  return file;
}

/** |actual − expected| ≤ tolerance, with a failure message that prints all three. */
export function expectClose(actual: number, expected: number, tolerance: number, what: string): void {
  const difference = Math.abs(actual - expected);
  expect(difference <= tolerance, `${what}: actual ${actual}, expected ${expected}, |Δ| ${difference.toExponential(3)} > tolerance ${tolerance}`).toBe(true);
}

/** |actual − expected| ≤ tolerance·|expected|, with a failure message that prints all three. */
export function expectRelativeClose(actual: number, expected: number, relativeTolerance: number, what: string): void {
  const relative = Math.abs(actual - expected) / Math.abs(expected);
  expect(relative <= relativeTolerance, `${what}: actual ${actual}, expected ${expected}, relative Δ ${relative.toExponential(3)} > tolerance ${relativeTolerance}`).toBe(true);
}

/** The kept slope `name` of a fit (fails the test when it was dropped). */
export function slope(result: PpmlResult, name: string): { estimate: number; stdError: number } {
  const found = result.value.coefficients.find((c) => c.name === name);
  if (!found) throw new Error(`slope ${name} not estimated; kept: ${result.value.coefficients.map((c) => c.name).join(", ")}`);
  return found;
}

/** Recovered fixed effect of `factor` at level `label`. */
export function fixedEffect(result: PpmlResult, factor: string, label: string): number {
  const recovered = result.value.fixedEffects;
  if (!recovered) throw new Error("no fixed effects recovered: give the spec a normalisation");
  const entry = recovered.factors.find((f) => f.name === factor);
  if (!entry) throw new Error(`no factor ${factor}`);
  const level = entry.labels.indexOf(label);
  if (level < 0) throw new Error(`factor ${factor} has no level ${label}`);
  return entry.values[level];
}

/** The AG panel years (every fourth year, Advanced Guide Ch.1–2 do-files; spec ppml.md §3.1). */
export const PANEL_YEARS = [1986, 1990, 1994, 1998, 2002, 2006];
