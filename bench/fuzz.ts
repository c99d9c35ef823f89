/**
 * The long fuzz run (issue 15): FUZZ_CASES (default 10⁵) scenarios from the generator of
 * tests/fuzz-cli.test.ts, with another seed (FUZZ_SEED), through `tradewinds run` in-process. Unlike the
 * test it does not stop at the first failure: it counts exit codes and every violated property, prints
 * the first few counterexamples, and the time. Run: `npx tsx bench/fuzz.ts` (not part of `npm run bench`:
 * about a quarter of an hour on two cores).
 */
import fc from "fast-check";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeCase, fuzzCase, runCase, scenarioFolder, violations } from "../tests/support/fuzzHarness.js";

const CASES = Number(process.env.FUZZ_CASES ?? 100_000);
const SEED = Number(process.env.FUZZ_SEED ?? 15_15_15);
const folder = scenarioFolder(mkdtempSync(join(tmpdir(), "tradewinds-fuzz-bench-")));
const codes = new Map<number, number>();
const failures: string[] = [];
let failed = 0;
let slowest = 0;
let slowestCase = "";
/** Cases slower than this are printed as they finish (a fuzz case should take milliseconds). */
const SLOW_CASE_MS = 5_000;
const start = performance.now();
await fc.assert(
  fc.asyncProperty(fuzzCase, async (c) => {
    const t0 = performance.now();
    const outcome = await runCase(folder, c);
    const took = performance.now() - t0;
    if (took > slowest) slowestCase = describeCase(c);
    slowest = Math.max(slowest, took);
    if (took > SLOW_CASE_MS) console.error(`slow case (${(took / 1000).toFixed(1)} s): ${describeCase(c)}`);
    codes.set(outcome.code, (codes.get(outcome.code) ?? 0) + 1);
    const problems = violations(folder, c, outcome);
    if (problems.length) {
      failed++;
      if (failures.length < 5) failures.push(`${problems.join("; ")}\n    case: ${describeCase(c)}`);
    }
    return true;
  }),
  { numRuns: CASES, seed: SEED },
);
const seconds = (performance.now() - start) / 1000;
console.log(`fuzz: ${CASES} cases, seed ${SEED}, ${seconds.toFixed(1)} s (${(CASES / seconds).toFixed(0)} cases/s, slowest case ${slowest.toFixed(0)} ms)`);
console.log(`slowest case: ${slowestCase}`);
console.log(`exit codes: ${[...codes.entries()].sort((a, b) => a[0] - b[0]).map(([code, n]) => `${code}: ${n}`).join(", ")}`);
console.log(`cases violating a property: ${failed}`);
for (const f of failures) console.log(`  ${f}`);
process.exitCode = failed ? 1 : 0;
