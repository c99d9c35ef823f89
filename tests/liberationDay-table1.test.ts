import { beforeAll, describe, expect, it } from "vitest";
import { countryIndex, type Dataset } from "../src/data/dataset.js";
import { loadDataset } from "../src/data/load.js";
import { calibrateLiberationDay, type LiberationDayBaseline } from "../src/models/liberationDay/baseline.js";
import { optimalRetaliationTariff, optimalTariff } from "../src/models/liberationDay/optimalTariff.js";
import { liberationDayParamsSchema } from "../src/models/liberationDay/params.js";
import { solveLiberationDay, type LiberationDayOutcome } from "../src/models/liberationDay/solve.js";
import { newRunContext, zeroPolicy, type CompiledPolicy } from "../src/models/types.js";
import { expectClose } from "./support/expectClose.js";

// Reference: Ignatenko, Macedoni, Lashkaripour & Simonovska (2025), "Making America Great Again: The
// Economic Impacts of Liberation Day Tariffs", Journal of International Economics — Table 1, as printed
// in the replication repository's `output/Table_1.tex` (JoeLoera/liberation-day-replication @ e1f26fd)
// and transcribed in ../shared/spec/one-sector.md §3.5. Intermediate values (ν, φ, t*, t*′, tʳ) are
// those of the spec §3.1–3.4 [VERIFIED] lines (MATLAB main_baseline.m re-run). Data: data/world-2023.json,
// derived from ../shared/data/liberation-day by scripts/datasets/world-2023.ts.

/** Half a unit in the last printed digit: the value rounds to the printed number (plus float slack). */
const printedPrecision = (decimals: number) => 0.5 * 10 ** -decimals + 1e-9;
/** The spec prints ν, φ to 8 decimals and the tariffs to 7: half a unit in the last digit. */
const TOL_NU_PHI = 0.5e-8;
const TOL_TARIFF = 0.5e-7;

/** Table 1 columns in printed order, with the printf precision of print_tables_baseline.m. */
const COLUMNS = [
  ["welfareChangePct", 2],
  ["deficitChangePct", 1],
  ["exportsToGdpChangePct", 1],
  ["importsToGdpChangePct", 1],
  ["employmentChangePct", 2],
  ["priceIndexChangePct", 1],
] as const;

const TABLE_1 = {
  case1: { USA: [1.13, -18.1, -52.7, -43.6, 0.32, 12.8], nonUS: [-0.58, 11.6, -3.2, -3.3, -0.14, -4.7] },
  case2: { USA: [-0.01, -18.4, -52.5, -43.3, -0.41, 13.1] },
  case3: { USA: [1.79, -19.1, -55.3, -45.6, 0.51, 12.6], nonUS: [-0.61, 17.1, -4.2, -3.7, -0.16, -4.6] },
};

let data: Dataset;
let us: number;
let taxRelief: LiberationDayBaseline;
let lumpSum: LiberationDayBaseline;

beforeAll(() => {
  data = loadDataset("world-2023");
  us = countryIndex(data).get("USA")!;
  taxRelief = calibrateLiberationDay(data, liberationDayParamsSchema.parse({}));
  lumpSum = calibrateLiberationDay(data, liberationDayParamsSchema.parse({ revenue: "lump-sum" }));
});

/** US tariffs of the April-2 schedule (floored at 10%), as in main_baseline.m run 1. */
function reciprocalPolicy(): CompiledPolicy {
  const policy = zeroPolicy(data);
  policy.tariffs = Float64Array.from(data.tariffs["us-reciprocal-2025-04-02"]);
  return policy;
}

/** A uniform tariff t on every US import (run 4). */
function uniformUsTariff(rate: number): CompiledPolicy {
  const policy = zeroPolicy(data);
  const N = data.countries.length;
  for (let i = 0; i < N; i++) if (i !== us) policy.tariffs[i * N + us] = rate;
  return policy;
}

/** Σ_{i≠US} E_i r_i / Σ_{i≠US} E_i — the paper's "non-US (average)" (print_tables_baseline.m:44–45). */
function nonUsAverage(outcome: LiberationDayOutcome, key: string): number {
  let weighted = 0;
  let total = 0;
  outcome.weights.forEach((w, i) => {
    if (i === us) return;
    weighted += w * outcome.countries[key][i];
    total += w;
  });
  return weighted / total;
}

function expectRow(outcome: LiberationDayOutcome, printed: number[], read: (key: string) => number, label: string): void {
  COLUMNS.forEach(([key, decimals], c) => expectClose(read(key), printed[c], printedPrecision(decimals), `${label} ${key}`));
}

describe("Liberation Day calibration reproduces the paper's intermediate values", () => {
  it("ν = (0.11433521, 0.27047098) and φ = (1.15071883, 1.43284758) for non-US and US (spec §3.1, §3.2)", () => {
    const other = countryIndex(data).get("JPN")!;
    expectClose(taxRelief.nu[other], 0.11433521, TOL_NU_PHI, "ν non-US");
    expectClose(taxRelief.nu[us], 0.27047098, TOL_NU_PHI, "ν US");
    expectClose(taxRelief.phi[other], 1.15071883, TOL_NU_PHI, "φ non-US");
    expectClose(taxRelief.phi[us], 1.43284758, TOL_NU_PHI, "φ US");
  });

  it("optimalTariff gives t* = 0.2179882 (expenditure) and t*′ = 0.1854321 (output); retaliation tʳ = 0.2274219 (spec §3.4)", () => {
    expectClose(optimalTariff(taxRelief, us, "expenditure"), 0.2179882, TOL_TARIFF, "t*");
    expectClose(optimalTariff(taxRelief, us, "output"), 0.1854321, TOL_TARIFF, "t*′");
    expectClose(optimalRetaliationTariff(taxRelief, us), 0.2274219, TOL_TARIFF, "tʳ");
  });
});

describe("solveLiberationDay reproduces Table 1 of Ignatenko et al. (2025)", () => {
  it("Case 1 (April-2 tariffs, income-tax relief): USA and non-US average, every column", () => {
    const ctx = newRunContext();
    const outcome = solveLiberationDay(taxRelief, reciprocalPolicy(), ctx);
    expect(outcome.solver.converged).toBe(true);
    expect(ctx.warnings).toEqual([]);
    expectRow(outcome, TABLE_1.case1.USA, (key) => outcome.countries[key][us], "Case 1 USA");
    expectRow(outcome, TABLE_1.case1.nonUS, (key) => nonUsAverage(outcome, key), "Case 1 non-US");
  });

  it("Case 2 (April-2 tariffs, lump-sum rebate): USA, every column", () => {
    const outcome = solveLiberationDay(lumpSum, reciprocalPolicy(), newRunContext());
    expect(outcome.solver.converged).toBe(true);
    expectRow(outcome, TABLE_1.case2.USA, (key) => outcome.countries[key][us], "Case 2 USA");
  });

  it("Case 3 (uniform optimal tariff t* on all US imports): USA and non-US average, every column", () => {
    const outcome = solveLiberationDay(taxRelief, uniformUsTariff(optimalTariff(taxRelief, us, "expenditure")), newRunContext());
    expect(outcome.solver.converged).toBe(true);
    expectRow(outcome, TABLE_1.case3.USA, (key) => outcome.countries[key][us], "Case 3 USA");
    expectRow(outcome, TABLE_1.case3.nonUS, (key) => nonUsAverage(outcome, key), "Case 3 non-US");
  });
});
