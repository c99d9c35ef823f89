import { describe, expect, it } from "vitest";
import { loadDataset } from "../src/data/load.js";
import { accountingInputOf, type AccountingInput } from "../src/exposure/accountingSystem.js";
import { exposureTables } from "../src/exposure/exposureTables.js";
import type { ExposureTables } from "../src/exposure/types.js";
import { expectClose } from "./support/expectClose.js";

/**
 * Identities of spec scenarios-and-strategy.md §5 (each column of v·L sums to 1; world value added =
 * world final demand) and of the TiVA decomposition (EXGR_DVA + EXGR_FVA = EXGR), on cp-1993 (31 × 40,
 * with 1993 tariffs) and on a seeded random economy with tariffs. I − A is column diagonally dominant
 * (column sums of A < 1), so the LU is well conditioned: a 1,240-term solve loses ~n·ε ≈ 3e-13.
 */
const TOL_COLUMN_SUM = 1e-10;
/** Relative: world totals of ~2.5e13 USD formed by compensated sums; the solve error dominates. */
const TOL_WORLD_RELATIVE = 1e-10;

function checkIdentities(t: ExposureTables, what: string): void {
  const NS = t.N * t.S;
  let worst = 0;
  for (let c = 0; c < NS; c++) {
    let sum = 0;
    for (let i = 0; i < t.N; i++) sum += t.valueAddedContent[i * NS + c];
    worst = Math.max(worst, Math.abs(sum - 1));
  }
  expectClose(worst, 0, TOL_COLUMN_SUM, `${what}: max |Σ_i (v·L)[i,(n,j)] − 1|`);
  expectClose(t.checks.worldValueAdded / t.checks.worldFinalDemand, 1, TOL_WORLD_RELATIVE, `${what}: world value added ÷ world final demand`);
  for (let c = 0; c < t.N; c++) {
    const { grossExports, domesticValueAddedInExports, foreignValueAddedInExports } = t.tiva;
    expectClose((domesticValueAddedInExports[c] + foreignValueAddedInExports[c]) / grossExports[c], 1, TOL_WORLD_RELATIVE, `${what}: (EXGR_DVA + EXGR_FVA)/EXGR of ${t.countries[c]}`);
  }
  // total = direct + indirect ≥ direct, entry by entry (L − I = A + A² + … with A ≥ 0)
  let violations = 0;
  for (let k = 0; k < t.directExposure.length; k++) if (t.totalExposure[k] < t.directExposure[k] - TOL_COLUMN_SUM) violations++;
  expect(violations, `${what}: entries with total exposure below direct exposure`).toBe(0);
}

/** Mulberry32: a small seeded generator so the random economy is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random economy: positive flows, tariffs up to 30%, γ with Σ_k γ ≤ 0.7, β = 1 − Σ_k γ, α on the simplex. */
function randomEconomy(N: number, S: number, seed: number): AccountingInput {
  const random = seeded(seed);
  const flows = Float64Array.from({ length: S * N * N }, () => 1 + 100 * random());
  const tariffs = Float64Array.from({ length: S * N * N }, (_, k) => (Math.floor(k / N) % N === k % N ? 0 : 0.3 * random()));
  const inputShares = new Float64Array(N * S * S);
  const valueAddedShares = new Float64Array(N * S);
  const finalShares = new Float64Array(N * S);
  for (let n = 0; n < N; n++) {
    for (let j = 0; j < S; j++) {
      const raw = Array.from({ length: S }, () => random());
      const total = raw.reduce((a, b) => a + b, 0);
      const intermediate = 0.7 * random();
      raw.forEach((r, k) => (inputShares[(n * S + k) * S + j] = (intermediate * r) / total));
      valueAddedShares[n * S + j] = 1 - intermediate;
    }
    const raw = Array.from({ length: S }, () => random());
    const total = raw.reduce((a, b) => a + b, 0);
    raw.forEach((r, k) => (finalShares[n * S + k] = r / total));
  }
  return { N, S, flows, tariffs, io: { inputShares, valueAddedShares, finalShares } };
}

describe("exposureTables identities (spec scenarios-and-strategy.md §5)", () => {
  it("on cp-1993 (31 × 40, 1993 tariffs): columns of v·L sum to 1, world value added = world final demand, DVA + FVA = exports", () => {
    const data = loadDataset("cp-1993");
    const t = exposureTables(accountingInputOf(data)!, { countries: data.countries.map((c) => c.code), sectors: data.sectors.map((s) => s.code) });
    checkIdentities(t, "cp-1993");
    // I − A is column diagonally dominant, so partial pivoting exchanges no rows (Golub & Van Loan Thm 3.4.3)
    expect(t.method.rowExchanges).toBe(0);
    expect(t.warnings).toEqual([]);
  });

  it("on a seeded random 5 × 4 economy with tariffs up to 30%: the same identities (tariff revenue on inputs counted in v)", () => {
    const input = randomEconomy(5, 4, 20250402);
    const t = exposureTables(input, { countries: ["A", "B", "C", "D", "E"], sectors: ["s1", "s2", "s3", "s4"] });
    checkIdentities(t, "random 5×4");
    // v = β + tariff part, and the tariff part is positive when inputs are taxed
    for (let r = 0; r < 20; r++) expectClose(t.valueAdded[r], t.factorValueAdded[r] + t.tariffValueAdded[r], 1e-15, `v split at ${r}`);
    expect(Math.min(...t.tariffValueAdded)).toBeGreaterThan(0);
  });
});
