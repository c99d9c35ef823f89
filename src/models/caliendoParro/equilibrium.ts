import { message } from "../../messages.js";
import type { SolverResult } from "../../solver/result.js";
import type { CaliendoParroEconomy } from "./economy.js";
import { andersonStep, createAndersonMemory, resetAnderson } from "./andersonMixing.js";
import { inputBundleCost } from "./inputCost.js";
import { impliedSpending, impliedWage, income } from "./marketClearing.js";
import type { PolicyTerms } from "./policyTerms.js";
import { sectorPricesSharesAndFlows } from "./sectorPrices.js";
import { addExportTaxRevenue } from "./instrumentTerms.js";
import { trueSectorPriceIndex } from "./truePriceIndex.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/**
 * One solved Caliendo–Parro equilibrium in changes relative to the data (spec §1.4).
 * Country × sector arrays are [n*S + s]; bilateral arrays [(s*N + i)*N + j].
 */
export interface CaliendoParroEquilibrium {
  /** ĉ: input-bundle cost change. */
  unitCost: Float64Array;
  /** ŵ: wage change (world value added fixed: Σ ŵ·wL = Σ wL). */
  wage: Float64Array;
  /** X: total tariff-inclusive spending by country and sector, levels. */
  spending: Float64Array;
  /** P̂: sector price index change. */
  priceIndex: Float64Array;
  /** π′: trade shares. */
  shares: Float64Array;
  /** T: flows at factory prices (tariff-exclusive), levels. */
  flows: Float64Array;
  /** Y: gross output (sales net of tariffs), levels. */
  grossOutput: Float64Array;
  /** R: tariff revenue collected by importer n on sector s, levels. */
  tariffRevenue: Float64Array;
  /** I[n]: income (labour income + tariff revenue + deficit), levels. */
  income: Float64Array;
}

export interface IterationSettings {
  damping: number;
  tolerance: number;
  maxIterations: number;
  /** "damped": the package's plain damped iteration; "anderson": the same map, Anderson-accelerated. */
  method: "damped" | "anderson";
  /** Where to start (ĉ, X, ŵ): an earlier solution on the same economy (warm start); default ĉ = ŵ = 1, X = data spending. */
  start?: CaliendoParroStart;
}

/** The unknowns of the iteration at a solution, kept to start a nearby solve from (model.ts `warmStart`). */
export interface CaliendoParroStart {
  unitCost: Float64Array;
  spending: Float64Array;
  wage: Float64Array;
}

export const SOLVER_METHODS = { damped: "cp2015-damped-simultaneous", anderson: "cp2015-damped-simultaneous+anderson" } as const;

/**
 * Anderson memory depth: 16 past steps. With the package damping 0.5, depth 5 cut the NAFTA solves from ~790 to
 * ~250 iterations; 16 halves the iterations again on the sector datasets (summed over every phase of the
 * examples, run from the CLI: 5,148 → 2,177 — japan-2025-sectors 2,627 → 1,145, us-japan-deal 1,389 → 593,
 * cp-nafta 224 → 106; depths 8, 10 and 12 in between, 24 and 32 no better). A step costs 16 more dot products of
 * length 2NS + N, small next to one evaluation's S·N² terms; the normal equations stay regularised.
 */
const ANDERSON_DEPTH = 16;

/**
 * Solves the model in changes by the cp2015 package's damped simultaneous iteration on (ĉ, X, ŵ)
 * (spec §1.5, cp2015:src/solve_model.cpp:95-222): evaluate eqs. 1–4, form the residuals of eqs. 5–7
 * (the last region's labour-market residual replaced by the numeraire Σ ŵ·wL / Σ wL − 1, spec §1.4
 * item 8), stop when their Euclidean norm < tolerance, else x ← x − u·r (X residual scaled by max(X, 1)).
 * Starts from ĉ = ŵ = 1, X = data spending. With method "anderson" the damped map is Anderson-accelerated
 * (andersonMixing.ts): same map, same residual and stopping rule, hence the same fixed point; a step that
 * leaves the positive orthant or produces non-finite values falls back to the plain damped step.
 * Never returns non-finite numbers: a diverging step is undone and reported as non-convergence.
 */
export function solveEquilibrium(
  economy: CaliendoParroEconomy,
  policy: PolicyTerms,
  settings: IterationSettings,
  economyLabel: (n: number) => string = (n) => `country ${n}`,
): SolverResult<CaliendoParroEquilibrium> {
  const { N, S } = economy;
  const { damping, tolerance, maxIterations } = settings;
  const NS = N * S;
  const start = settings.start && settings.start.unitCost.length === NS && settings.start.spending.length === NS && settings.start.wage.length === N ? settings.start : undefined;
  const state: CaliendoParroEquilibrium = {
    unitCost: start ? Float64Array.from(start.unitCost) : new Float64Array(NS).fill(1),
    wage: start ? Float64Array.from(start.wage) : new Float64Array(N).fill(1),
    spending: Float64Array.from(start ? start.spending : economy.baseSpending),
    priceIndex: new Float64Array(NS),
    shares: new Float64Array(S * N * N),
    flows: new Float64Array(S * N * N),
    grossOutput: new Float64Array(NS),
    tariffRevenue: new Float64Array(NS),
    income: new Float64Array(N),
  };
  const targetCost = new Float64Array(NS);
  const targetSpending = new Float64Array(NS);
  const targetWage = new Float64Array(N);
  const previous = { unitCost: new Float64Array(NS), spending: new Float64Array(NS), wage: new Float64Array(N) };
  const scratch = { sums: new Float64Array(N), logPrice: new Float64Array(S) };
  // One numeraire per trading component (policyTerms.ts): the component's value added Σ ŵ·wL is fixed, replacing the
  // labour-market equation of its last member. With one component this is the package's world numeraire.
  const components = policy.componentCount;
  const componentLabourIncome = new Float64Array(components);
  const componentLast = new Int32Array(components);
  const componentValueAdded = new Float64Array(components);
  for (let n = 0; n < N; n++) {
    componentLabourIncome[policy.component[n]] += economy.labourIncome[n];
    componentLast[policy.component[n]] = n;
  }

  // Packed unknowns for acceleration: [ĉ (NS), X / max(X⁰, 1) (NS), ŵ (N)], so all entries are O(1).
  const dimension = 2 * NS + N;
  const spendingScale = mapToFloat64(economy.baseSpending, (x) => Math.max(x, 1));
  const packed = new Float64Array(dimension);
  const image = new Float64Array(dimension);
  const candidate = new Float64Array(dimension);
  const memory = settings.method === "anderson" ? createAndersonMemory(dimension, ANDERSON_DEPTH) : undefined;
  const maxTheta = Math.max(...economy.tradeElasticities);

  const evaluate = (): number => {
    sectorPricesSharesAndFlows(N, S, economy.tradeElasticities, policy.weights, state.unitCost, state.spending, policy.inverseTariffFactor, policy.tariffRevenueRates ?? policy.tariffs, state.priceIndex, state.shares, state.flows, state.grossOutput, state.tariffRevenue, scratch.sums);
    // The true price index reads the new shares and replaces P̂ in distorted markets; the flows do not depend on P̂.
    if (policy.distortion) trueSectorPriceIndex(N, S, economy.tradeElasticities, economy.baseShares, state.shares, policy.distortion.priceFactor, state.unitCost, policy.distortion.markets, state.priceIndex);
    income(N, S, state.wage, economy.labourIncome, state.tariffRevenue, policy.deficits, state.income);
    if (policy.exportTaxes) addExportTaxRevenue(N, S, policy.exportTaxes, state.flows, state.income);
    inputBundleCost(N, S, state.wage, state.priceIndex, economy.valueAddedShares, economy.inputShares, targetCost, scratch.logPrice);
    impliedSpending(N, S, economy.inputShares, economy.finalShares, state.grossOutput, state.income, targetSpending);
    impliedWage(N, S, economy.valueAddedShares, state.grossOutput, economy.labourIncome, targetWage);
    componentValueAdded.fill(0);
    for (let n = 0; n < N; n++) componentValueAdded[policy.component[n]] += state.wage[n] * economy.labourIncome[n];
    for (let c = 0; c < components; c++) {
      const last = componentLast[c];
      targetWage[last] = state.wage[last] - (componentValueAdded[c] / componentLabourIncome[c] - 1);
    }
    let squares = 0;
    for (let k = 0; k < NS; k++) {
      const costResidual = state.unitCost[k] - targetCost[k];
      const spendingResidual = (state.spending[k] - targetSpending[k]) / Math.max(state.spending[k], 1);
      squares += costResidual * costResidual + spendingResidual * spendingResidual;
    }
    for (let n = 0; n < N; n++) squares += (state.wage[n] - targetWage[n]) ** 2;
    return Math.sqrt(squares);
  };
  /** The damped image x − u·r(x) of the current state, packed. */
  const dampedImage = (out: Float64Array): void => {
    for (let k = 0; k < NS; k++) {
      out[k] = state.unitCost[k] - damping * (state.unitCost[k] - targetCost[k]);
      out[NS + k] = (state.spending[k] - damping * (state.spending[k] - targetSpending[k])) / spendingScale[k];
    }
    for (let n = 0; n < N; n++) out[2 * NS + n] = state.wage[n] - damping * (state.wage[n] - targetWage[n]);
  };
  const pack = (out: Float64Array): void => {
    out.set(state.unitCost);
    for (let k = 0; k < NS; k++) out[NS + k] = state.spending[k] / spendingScale[k];
    out.set(state.wage, 2 * NS);
  };
  /** Writes a packed vector into the state; false (state untouched) if an entry is not positive and finite. */
  const unpack = (from: Float64Array): boolean => {
    for (let k = 0; k < dimension; k++) if (!(from[k] > 0 && from[k] < Infinity)) return false;
    // Trade shares go as ĉ^(−θ): a state whose unit costs span more than e^(MAX_SHARE_EXPONENT/θ) would make shares
    // under- or overflow (and their ratios unrepresentable); such a step is divergence, handled like a non-finite one.
    let low = Infinity;
    let high = 0;
    for (let k = 0; k < NS; k++) {
      low = Math.min(low, from[k]);
      high = Math.max(high, from[k]);
    }
    if (maxTheta * Math.log(high / low) > MAX_SHARE_EXPONENT) return false;
    for (let k = 0; k < NS; k++) {
      state.unitCost[k] = from[k];
      state.spending[k] = from[NS + k] * spendingScale[k];
    }
    for (let n = 0; n < N; n++) state.wage[n] = from[2 * NS + n];
    return true;
  };
  const restorePrevious = (): void => {
    state.unitCost.set(previous.unitCost);
    state.spending.set(previous.spending);
    state.wage.set(previous.wage);
  };

  const warnings: string[] = [];
  let iterations = 0;
  let residual = evaluate();
  let converged = residual < tolerance;
  while (!converged && iterations < maxIterations) {
    previous.unitCost.set(state.unitCost);
    previous.spending.set(state.spending);
    previous.wage.set(state.wage);
    dampedImage(image);
    let accelerated = false;
    if (memory) {
      pack(packed);
      andersonStep(memory, packed, image, candidate);
      accelerated = unpack(candidate);
      if (!accelerated) resetAnderson(memory);
    }
    if (!accelerated && !unpack(image)) {
      warnings.push(message.iterationDiverged(iterations + 1));
      break;
    }
    iterations++;
    let next = evaluate();
    if (!Number.isFinite(next) && accelerated && memory) {
      restorePrevious();
      evaluate();
      dampedImage(image);
      resetAnderson(memory);
      next = unpack(image) ? evaluate() : NaN;
    }
    if (!Number.isFinite(next)) {
      restorePrevious();
      residual = evaluate();
      warnings.push(message.iterationDiverged(iterations));
      break;
    }
    residual = next;
    converged = residual < tolerance;
  }
  const method = SOLVER_METHODS[settings.method];
  if (!converged) warnings.push(message.notConverged(method, iterations, residual, tolerance));
  else {
    // A backstop against the false convergence of a policy without a finite equilibrium: the residuals are absolute,
    // so an iteration drifting towards a corner (some wages → 0 in the numeraire) meets the tolerance on the way.
    const corner = wageCorner(state.wage, policy.component, components);
    if (corner) {
      converged = false;
      warnings.push(message.equilibriumAtCorner(economyLabel(corner.high), economyLabel(corner.low), corner.ratio));
    }
  }
  return { converged, iterations, residual, residualNorm: "euclidean norm of cost, scaled spending and wage residuals", tolerance, method, warnings, value: state };
}

/**
 * Largest θ·ln(max ĉ / min ĉ) an iterate may reach: 600, so that relative trade shares ĉ^(−θ) stay within
 * e^±600 ≈ 1e±260 of each other, inside the double range with room for the products formed from them.
 * (A legitimate equilibrium is far inside: θ = 100 would need unit costs 400× apart.)
 */
const MAX_SHARE_EXPONENT = 600;

/**
 * Largest relative wage change within one trading component beyond which a solve is taken to have run off to a
 * corner instead of reaching an equilibrium: 1e4. Within the shock domains (tariffs ≤ 1000%, cost factors within
 * a hundredfold) relative wages move by far less; the drifting solves of the isolation bug reached 3·10⁵ (cp-1993)
 * and 8·10⁴ (gtap-2007).
 */
export const MAX_RELATIVE_WAGE_CHANGE = 1e4;

function wageCorner(wage: Float64Array, component: Int32Array, count: number): { high: number; low: number; ratio: number } | undefined {
  for (let c = 0; c < count; c++) {
    let high = -1;
    let low = -1;
    for (let n = 0; n < wage.length; n++) {
      if (component[n] !== c) continue;
      if (high < 0 || wage[n] > wage[high]) high = n;
      if (low < 0 || wage[n] < wage[low]) low = n;
    }
    const ratio = wage[high] / wage[low];
    if (ratio > MAX_RELATIVE_WAGE_CHANGE) return { high, low, ratio };
  }
  return undefined;
}
