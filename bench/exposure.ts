/**
 * Supply-chain exposure on cp-1993 (31 × 40 = 1,240 country-sectors): time to build the input-requirement
 * system, to factor I − A (dense LU, partial pivoting), and to build every exposure table (1 factorisation
 * + 4N = 124 right-hand sides); and, once, what forming the full inverse L would cost instead (1,240
 * right-hand sides with the same factor). Median of BENCH_RUNS runs after a warm-up; printed, not asserted.
 */
import { loadDataset } from "../src/data/load.js";
import { accountingInputOf, buildAccountingSystem } from "../src/exposure/accountingSystem.js";
import { luFactorInPlace, luSolveInPlace } from "../src/solver/denseLu.js";
import { exposureTables } from "../src/exposure/exposureTables.js";
import { leontiefSolver } from "../src/exposure/leontief.js";
import { median, timeIt } from "./timing.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const data = loadDataset("cp-1993");
const input = accountingInputOf(data)!;
const labels = { countries: data.countries.map((c) => c.code), sectors: data.sectors.map((s) => s.code) };
const n = input.N * input.S;
const system = buildAccountingSystem(input);

const row = (what: string, ms: number, note = "") => console.log(what.padEnd(52) + ms.toFixed(1).padStart(10) + "  " + note);
console.log(`cp-1993: ${input.N} countries × ${input.S} sectors = ${n} × ${n} system; median of ${RUNS} runs (ms)`);
row("build A, v, F (accountingSystem)", median(timeIt(() => buildAccountingSystem(input), RUNS)));
const factorMs = median(timeIt(() => leontiefSolver(system.requirements, n), RUNS));
row("LU factorisation of I − A", factorMs, `${((2 / 3) * n ** 3 / (factorMs * 1e6)).toFixed(2)} GFLOP/s at ⅔n³ flops`);
row("all exposure tables (factor once, 124 RHS)", median(timeIt(() => exposureTables(input, labels), RUNS)));

// For comparison, once: the full inverse by n right-hand sides with the same factor.
const lu = luFactorInPlace(Float64Array.from({ length: n * n }, (_, k) => (Math.floor(k / n) === k % n ? 1 : 0) - system.requirements[k]), n);
const identity = new Float64Array(n * n);
for (let k = 0; k < n; k++) identity[k * n + k] = 1;
const start = performance.now();
luSolveInPlace(lu, identity, n, new Float64Array(n * n));
row("for comparison: forming L = (I − A)⁻¹ (n RHS), once", performance.now() - start, "not done by the accounting");
