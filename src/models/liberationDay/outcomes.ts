import { assertFinite } from "../../solver/result.js";
import type { RunContext } from "../types.js";
import { policyFactorsInto } from "./policyFactor.js";
import type { LiberationDayBaseline } from "./baseline.js";
import type { EquilibriumState, EquilibriumSystem } from "./equilibrium.js";

/**
 * The per-country report of Liberation Day (`main_baseline.m` line 366 `results`, spec one-sector.md
 * §3.5), keyed by report/registry.ts keys, plus the counterfactual flows X′_ij = λ′_ij E′_j/(1+t_ij)
 * ([i*N + j], tariff-exclusive). Welfare (line 346):
 *   δ_i = E_i / (E_i − κ(1−τ_i) Y_i/(1+κ)),   Ŵ_i = δ_i Ê_i/P̂_i + (1−δ_i) ŵ_i L̂_i/P̂_i
 */
export interface LiberationDayReport {
  countries: Record<string, Float64Array>;
  /**
   * X′, formed when first read: most solves (a sweep's draws, a bloc's member sets) report only per-country
   * figures, and an N×N array per solve is most of what they would allocate.
   */
  flows: () => Float64Array;
}

/** X′ from the system's own policy factor and 1/(1+t) arrays (while they are this solve's), as the report's sums form it. */
function flowsFromSystem(system: EquilibriumSystem, unitCost: Float64Array, columnScale: Float64Array): Float64Array {
  const { N, flows } = system.baseline;
  const { policyFactor, tariffExclusive } = system;
  const out = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    const row = i * N;
    const cost = unitCost[i];
    for (let j = 0; j < N; j++) out[row + j] = flows[row + j] * policyFactor[row + j] * cost * columnScale[j] * tariffExclusive[row + j];
  }
  return out;
}

/**
 * X′_ij = X_ij · f_ij · c_i · s_j · e_ij with f the policy factor (zero on an isolated link), c_i the unit-cost
 * term, s_j the column scale and e_ij = 1/(1+t_ij) — from the policy, not from the solve's scratch arrays (which
 * the thread's next solve reuses); the same factors and order as the report's sums, so the same numbers.
 */
function counterfactualFlows({ baseline, policy, links }: Pick<EquilibriumSystem, "baseline" | "policy" | "links">, unitCost: Float64Array, columnScale: Float64Array): Float64Array {
  const { N, flows, shares, phi } = baseline;
  const epsilon = baseline.params.tradeElasticity;
  const out = new Float64Array(N * N);
  policyFactorsInto(policy, phi, epsilon, out);
  for (let i = 0; i < N; i++) {
    const cost = unitCost[i];
    for (let j = 0; j < N; j++) {
      const k = i * N + j;
      const t = policy.tariffs[k];
      // As prepareEquilibrium: a link that can sell but that the isolation analysis leaves out is cut.
      const factor = shares[k] * out[k] > 0 && !links[k] && i !== j ? 0 : out[k];
      out[k] = flows[k] * factor * cost * columnScale[j] * (t === 0 ? 1 : 1 / (1 + t));
    }
  }
  return out;
}

/** 100·(after/before − 1); a zero baseline has no percent change: reported as 0 with a warning. */
function percentChange(after: number, before: number, what: string, ctx: RunContext): number {
  if (before === 0) {
    if (after !== 0) ctx.warnings.push(`${what}: baseline is zero, so its percent change is undefined; reported as 0`);
    return 0;
  }
  return 100 * (after / before - 1);
}

/**
 * Each country's foreign sales (row sums) and purchases (column sums) before and after, and their changes as sums of
 * flow changes, in one pass over the rows (X′_ij = X_ij·f_ij·ĉ_i·scale_j/(1+t_ij)). A function of its own: the report
 * is built once per phase in a `tradewinds run`, too few times for V8 to compile it whole, so the pass ran partly
 * interpreted.
 */
function foreignSalesAndPurchases(
  N: number,
  flows: Float64Array,
  policyFactor: Float64Array,
  tariffExclusive: Float64Array,
  cost: Float64Array,
  columnScale: Float64Array,
  sums: { exports: Float64Array; imports: Float64Array; newExports: Float64Array; newImports: Float64Array; salesChange: Float64Array; purchasesChange: Float64Array },
): void {
  const { imports, newImports, purchasesChange } = sums;
  for (let i = 0; i < N; i++) {
    const row = i * N;
    let exports = 0;
    let newExports = 0;
    let salesChange = 0;
    const costOfI = cost[i];
    for (let k = 0; k < N; k++) {
      if (k === i) continue;
      const before = flows[row + k];
      const after = flows[row + k] * policyFactor[row + k] * costOfI * columnScale[k] * tariffExclusive[row + k];
      exports += before;
      newExports += after;
      salesChange += after - before;
      imports[k] += before;
      newImports[k] += after;
      purchasesChange[k] += after - before;
    }
    sums.exports[i] = exports;
    sums.newExports[i] = newExports;
    sums.salesChange[i] = salesChange;
  }
}

/**
 * `systemIntact`: whether the system's arrays (the thread's scratch, solveWorkspace.ts) still hold this solve's
 * policy factors — true until the thread's next solve of this size borrows them. Flows read by then (a report built
 * right after its solve) are formed from them; flows read later are formed from the policy again (the powers).
 */
export function liberationDayReport(system: EquilibriumSystem, x: Float64Array, state: EquilibriumState, ctx: RunContext, systemIntact: () => boolean = () => false): LiberationDayReport {
  const baseline: LiberationDayBaseline = system.baseline;
  const { N, codes, flows, expenditure, output } = baseline;
  const kappa = baseline.params.laborSupplyElasticity;
  const { unitCost, attractionTotal, priceIndexHat, newOutput, revenue, incomeTaxRate } = state;

  // X′_ij = λ′_ij E′_j/(1+t_ij), written as X_ij · a_ij/λ_ij · Ê_j(Σλ/Σa)_j/(1+t_ij) so that x = 1 returns X bit for bit.
  const columnScale = new Float64Array(N);
  for (let j = 0; j < N; j++) columnScale[j] = Math.abs(x[N + j]) * (system.baselineShareTotal[j] / attractionTotal[j]);
  const cost = Float64Array.from(unitCost); // the state's array is the thread's scratch
  assertFinite(cost, "unit costs");
  assertFinite(columnScale, "flow column scale");
  const { policyFactor, tariffExclusive } = system;
  const column = () => new Float64Array(N);
  const out = {
    welfareChangePct: column(),
    deficitChangePct: column(),
    exportsToGdpChangePct: column(),
    importsToGdpChangePct: column(),
    employmentChangePct: column(),
    priceIndexChangePct: column(),
    tariffRevenueShare: column(),
    factoryPriceChangePct: column(),
    realWageChangePct: column(),
    exportsChangePct: column(),
    importsChangePct: column(),
  };
  // Foreign sales (row sums) and purchases (column sums), before and after, in one pass over the rows; the deficit
  // change as sums of flow changes (purchases' less sales'), not a difference of large totals (D is small next to them).
  const sums = { exports: column(), imports: column(), newExports: column(), newImports: column(), salesChange: column(), purchasesChange: column() };
  foreignSalesAndPurchases(N, flows, policyFactor, tariffExclusive, cost, columnScale, sums);
  for (let i = 0; i < N; i++) {
    const exports = sums.exports[i];
    const imports = sums.imports[i];
    const newExports = sums.newExports[i];
    const newImports = sums.newImports[i];
    const deficitChange = sums.purchasesChange[i] - sums.salesChange[i];
    const wage = Math.abs(x[i]);
    const expenditureHat = Math.abs(x[N + i]);
    const labour = Math.abs(x[2 * N + i]);
    const price = priceIndexHat[i];
    const share = expenditure[i] / (expenditure[i] - (kappa * (1 - incomeTaxRate[i]) * output[i]) / (1 + kappa));
    const welfare = (share * expenditureHat) / price + ((1 - share) * wage * labour) / price;
    const deficitBefore = imports - exports;
    const deficitAfter = deficitBefore + deficitChange;
    out.welfareChangePct[i] = 100 * (welfare - 1);
    out.deficitChangePct[i] = deficitBefore === 0 ? percentChange(deficitAfter, deficitBefore, `deficit of ${codes[i]}`, ctx) : (100 * deficitChange) / Math.abs(deficitBefore);
    out.exportsToGdpChangePct[i] = percentChange(newExports / newOutput[i], exports / output[i], `exports/GDP of ${codes[i]}`, ctx);
    out.importsToGdpChangePct[i] = percentChange(newImports / newOutput[i], imports / output[i], `imports/GDP of ${codes[i]}`, ctx);
    out.employmentChangePct[i] = 100 * (labour - 1);
    out.priceIndexChangePct[i] = 100 * (price - 1);
    out.tariffRevenueShare[i] = revenue[i] / expenditure[i];
    out.factoryPriceChangePct[i] = 100 * (wage - 1);
    out.realWageChangePct[i] = 100 * (wage / price - 1);
    out.exportsChangePct[i] = percentChange(newExports, exports, `exports of ${codes[i]}`, ctx);
    out.importsChangePct[i] = percentChange(newImports, imports, `imports of ${codes[i]}`, ctx);
  }
  // The closure keeps the policy and baseline (read only), and the system, whose scratch arrays it reads only while
  // they are this solve's (they belong to the thread's workspace either way).
  const from = { baseline, policy: system.policy, links: system.links };
  let counterfactual: Float64Array | undefined;
  const formFlows = (): Float64Array => {
    const flows = systemIntact() ? flowsFromSystem(system, cost, columnScale) : counterfactualFlows(from, cost, columnScale);
    assertFinite(flows, "counterfactual flows");
    return flows;
  };
  return { countries: out, flows: () => (counterfactual ??= formFlows()) };
}
