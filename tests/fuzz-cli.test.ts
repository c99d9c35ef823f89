import fc from "fast-check";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeCase, fuzzCase, runCase, scenarioFolder, violations } from "./support/fuzzHarness.js";

/**
 * Property-based fuzzing of the scenario validator, compiler and CLI entry (fast-check, seeded so every run
 * draws the same cases): scenarios generated from the committed JSON Schema and mutations of small valid
 * ones, run through `tradewinds run` in-process. The properties (support/fuzzHarness.ts): exit 0, 2 or 3,
 * never 1; no NaN or Infinity in any output; no file opened outside the scenario's folder but the
 * package's embedded data. The fixed corpus of the cases is tests/cli-bad-input.test.ts; the long
 * run (10⁵ cases) is bench/fuzz.ts.
 */

/** Cases per run: a few thousand, most failing validation in a millisecond, the rest solved on small datasets. */
const CASES = 2500;
/** Fixed seed: the same cases on every machine (fast-check's default would draw new ones each run). */
const SEED = 20261130;

describe("fuzz: tradewinds run on generated and mutated scenarios", () => {
  it(`keeps exit ∈ {0, 2, 3}, finite outputs and its reads inside the scenario's folder (${CASES} seeded cases)`, async () => {
    const root = mkdtempSync(join(tmpdir(), "tradewinds-fuzz-"));
    const folder = scenarioFolder(root);
    const codes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        const outcome = await runCase(folder, c);
        codes.set(outcome.code, (codes.get(outcome.code) ?? 0) + 1);
        const problems = violations(folder, c, outcome);
        if (problems.length) throw new Error(`${problems.join("; ")}\ncase: ${describeCase(c)}`);
      }),
      { numRuns: CASES, seed: SEED, endOnFailure: true },
    );
    // The generator must reach the solvers, not only the validator: some cases solve (exit 0).
    if (process.env.FUZZ_VERBOSE) console.log(Object.fromEntries(codes));
    expect(codes.get(0) ?? 0).toBeGreaterThan(CASES / 50);
  }, 600_000);
});
