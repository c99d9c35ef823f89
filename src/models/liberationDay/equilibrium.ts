import { compensatedSum } from "../../util/sum.js";
import type { LiberationDayBaseline } from "./baseline.js";
import type { CompiledPolicy } from "../types.js";

/**
 * The counterfactual equilibrium system of Liberation Day (Ignatenko, Macedoni, Lashkaripour &
 * Simonovska 2025), `main_baseline.m` `Balanced_Trade_EQ` lines 288–367 (spec one-sector.md §3.3).
 * Unknowns x = (ŵ, Ê, L̂), 3N, stored [ŵ_0..ŵ_{N−1}, Ê_0.., L̂_0..]; like the paper's code the kernel
 * reads |x| so that trial points with a negative entry stay defined. Matrices are [i*N + j],
 * exporter i, importer j.
 */
export interface EquilibriumSystem {
  baseline: LiberationDayBaseline;
  /** The policy the system is prepared for (read only). */
  policy: CompiledPolicy;
  /** links[k] = 1: pair k can trade after the isolation analysis (models/tradeIsolation.ts); read only, may be shared. */
  links: Uint8Array;
  /** λ_ij · (1+t_ij)^(−ε φ_j) · d̂_ij^(−ε): the policy-dependent part of a_ij, fixed during a solve. */
  policyShares: Float64Array;
  /** (1+t_ij)^(−ε φ_j) · d̂_ij^(−ε) alone (policyShares = λ ⊙ this). */
  policyFactor: Float64Array;
  /** Σ_k λ_kj summed in the kernel's order: 1 up to rounding; X′ is formed relative to it so x = 1 gives X′ = X exactly. */
  baselineShareTotal: Float64Array;
  /** t_ij/(1+t_ij), the revenue share of a tariff-inclusive purchase. */
  tariffShare: Float64Array;
  /** 1/(1+t_ij), from tariff-inclusive to tariff-exclusive (factory-gate) value. */
  tariffExclusive: Float64Array;
  /**
   * With a_ij = s_ij u_i (s = policyShares, u_i the unit-cost term): s_ij t_ij/(1+t_ij) and s_ij/(1+t_ij), the
   * two N×N arrays the Jacobian's products read (jacobianVector.ts); their sum is s_ij up to rounding.
   */
  revenueShares: Float64Array;
  salesShares: Float64Array;
  /** ψ = scale numerator/ε. */
  scaleElasticity: number;
  /** Index of the country whose wage equation is replaced by the price normalisation (paper: last). */
  replacedWageEquation: number;
  /**
   * component[n]: the trading component of country n (models/tradeIsolation.ts). Each component has its own
   * price normalisation Σ_{j∈c} E_j (P̂_j − 1) = 0, replacing the wage equation of `normalisedRow[c]`
   * (component 0, the one holding `replacedWageEquation`, uses that country; the others their last member).
   */
  component: Int32Array;
  normalisedRow: Int32Array;
  /** Σ_{j∈c} E_j by component. */
  componentExpenditure: Float64Array;
  lumpSum: boolean;
  /**
   * Demand shifters a_ij of purchase commitments ([i*N + j]; absent: none). They are in policyShares; the CES part
   * of P̂_j is then the true index of the original preferences (trueCesPart), not (Σ_k a_kj)^(−1/ε).
   */
  shifters?: Float64Array;
  /**
   * What the budget holds of each country's deficit T′_i = E′_i − R_i − Y′_i (params.deficits): "world-income-share"
   * T′ = T·ΣY′/ΣY (the paper); "balanced" T′ = 0; "multiplicative" E′ − R = ρ·κ′·Y′, ρ = E/Y of the baseline
   * and κ′ = ΣY′/Σ ρ_k Y′_k the one common factor that keeps Σ T′ = 0 (world spending = world income).
   */
  deficitRule: "world-income-share" | "balanced" | "multiplicative";
  /** ρ_i = E_i/Y_i (multiplicative rule). */
  expenditureRatio: Float64Array;
  /** ΣE and ΣY of the baseline (compensated sums). */
  worldExpenditure: number;
  worldOutput: number;
}

/** Everything derived from x in one evaluation; caller-owned buffers, overwritten each time. */
export interface EquilibriumState {
  /** (ŵ_i L̂_i^(−ψ))^(−ε). */
  unitCost: Float64Array;
  /**
   * a_ij = policyShares_ij · unitCost_i, formed only where a code needs the matrix itself (the dense Jacobian,
   * commitment shifters: `attractionMatrix`); the residual and the products use unitCost and the policy's arrays.
   */
  attraction: Float64Array;
  /** Σ_k a_kj. */
  attractionTotal: Float64Array;
  /** P̂_j = (Ê_j/ŵ_j)^(1−φ_j) · (Σ_k a_kj)^(−1/ε). */
  priceIndexHat: Float64Array;
  /** Y′_i = ŵ_i L̂_i Y_i. */
  newOutput: Float64Array;
  /** E′_j = Ê_j E_j. */
  newExpenditure: Float64Array;
  /** R_j = Σ_i λ′_ij t_ij/(1+t_ij) E′_j. */
  revenue: Float64Array;
  /** τ_j = R_j/Y′_j under income-tax relief, 0 under lump sum. */
  incomeTaxRate: Float64Array;
  /** ΣY′ (compensated). */
  newWorldOutput: number;
  /**
   * The held deficit T′_i(Y′) of the system's deficit rule and its derivative, diagonal plus rank one:
   * ∂T′_i/∂Y′_k = δ_ik·deficitDiagonal_i + deficitRow_i·deficitColumn_k (share: 0 + T_i/ΣY·1; balanced: 0;
   * multiplicative: (ρ_iκ′ − 1) + (ρ_iY′_i/Σρ_mY′_m)·(1 − ρ_kκ′)).
   */
  heldDeficit: Float64Array;
  deficitDiagonal: Float64Array;
  deficitRow: Float64Array;
  deficitColumn: Float64Array;
  /** κ′ of the multiplicative rule (1 under the others). */
  imbalanceScale: number;
  /** `attraction` holds a at the evaluated point (attractionMatrix formed it since the last evaluation). */
  attractionCurrent: boolean;
  /** The point and system the state was last evaluated for (ensureEquilibrium skips a repeat). */
  point: Float64Array;
  system: EquilibriumSystem | undefined;
}

export function newEquilibriumState(N: number): EquilibriumState {
  return {
    unitCost: new Float64Array(N),
    attraction: new Float64Array(N * N),
    attractionTotal: new Float64Array(N),
    priceIndexHat: new Float64Array(N),
    newOutput: new Float64Array(N),
    newExpenditure: new Float64Array(N),
    revenue: new Float64Array(N),
    incomeTaxRate: new Float64Array(N),
    newWorldOutput: 0,
    heldDeficit: new Float64Array(N),
    deficitDiagonal: new Float64Array(N),
    deficitRow: new Float64Array(N),
    deficitColumn: new Float64Array(N),
    imbalanceScale: 1,
    point: new Float64Array(3 * N),
    attractionCurrent: false,
    system: undefined,
  };
}

/**
 * Evaluates the §3.3 block "a_ij … R_j, τ_j" at x into `state`. O(N²), no allocation, and no N×N array
 * written: with a_ij = s_ij u_i (s = policyShares, u = unitCost), A_j = Σ_i s_ij u_i and the revenue
 * Σ_i a_ij t_ij/(1+t_ij) = Σ_i u_i (s⊙t/(1+t))_ij read the policy's arrays. Rows are taken four at a time,
 * each column total still summed in row order (left to right), so A_j is bit for bit that of a one-row
 * loop — and `baselineShareTotal`, which x = 1 must reproduce exactly.
 */
export function evaluateEquilibrium(system: EquilibriumSystem, x: Float64Array, state: EquilibriumState): void {
  const { baseline, policyShares, revenueShares, scaleElasticity } = system;
  const { N, phi, expenditure, output } = baseline;
  const epsilon = baseline.params.tradeElasticity;
  const { attractionTotal, priceIndexHat, newOutput, newExpenditure, revenue, incomeTaxRate, unitCost } = state;
  attractionTotal.fill(0);
  revenue.fill(0);
  for (let i = 0; i < N; i++) {
    const wage = Math.abs(x[i]);
    const labour = Math.abs(x[2 * N + i]);
    unitCost[i] = Math.pow(wage * Math.pow(labour, -scaleElasticity), -epsilon);
    newOutput[i] = wage * labour * output[i];
  }
  state.attractionCurrent = false;
  let i = 0;
  for (; i + 3 < N; i += 4) {
    const u0 = unitCost[i];
    const u1 = unitCost[i + 1];
    const u2 = unitCost[i + 2];
    const u3 = unitCost[i + 3];
    const r0 = i * N;
    const r1 = r0 + N;
    const r2 = r1 + N;
    const r3 = r2 + N;
    for (let j = 0; j < N; j++) {
      attractionTotal[j] = attractionTotal[j] + policyShares[r0 + j] * u0 + policyShares[r1 + j] * u1 + policyShares[r2 + j] * u2 + policyShares[r3 + j] * u3;
      revenue[j] = revenue[j] + u0 * revenueShares[r0 + j] + u1 * revenueShares[r1 + j] + u2 * revenueShares[r2 + j] + u3 * revenueShares[r3 + j];
    }
  }
  for (; i < N; i++) {
    const u = unitCost[i];
    const row = i * N;
    for (let j = 0; j < N; j++) {
      attractionTotal[j] += policyShares[row + j] * u;
      revenue[j] += u * revenueShares[row + j];
    }
  }
  for (let j = 0; j < N; j++) {
    const expenditureHat = Math.abs(x[N + j]);
    newExpenditure[j] = expenditureHat * expenditure[j];
    revenue[j] *= newExpenditure[j] / attractionTotal[j];
    const cesPart = system.shifters ? trueCesPart(system, state, j) : Math.pow(attractionTotal[j], -1 / epsilon);
    priceIndexHat[j] = Math.pow(expenditureHat / Math.abs(x[j]), 1 - phi[j]) * cesPart;
    incomeTaxRate[j] = system.lumpSum ? 0 : revenue[j] / newOutput[j];
  }
  state.newWorldOutput = compensatedSum(newOutput);
  heldDeficits(system, state);
  state.point.set(x);
  state.system = system;
}

/** state.attraction = a_ij = policyShares_ij · unitCost_i at the evaluated point (formed once per evaluation, on demand). */
export function attractionMatrix(system: EquilibriumSystem, state: EquilibriumState): Float64Array {
  if (!state.attractionCurrent) {
    const { N } = system.baseline;
    const { attraction, unitCost } = state;
    const { policyShares } = system;
    for (let i = 0; i < N; i++) {
      const u = unitCost[i];
      const row = i * N;
      for (let j = 0; j < N; j++) attraction[row + j] = policyShares[row + j] * u;
    }
    state.attractionCurrent = true;
  }
  return state.attraction;
}

/**
 * The CES part of P̂_j under purchase-commitment shifters (models/caliendoParro/truePriceIndex.ts): with
 * λ′ = a ⁄ Σa the shares bought and p̂_ij = (unitCost_i·policyFactor_ij ⁄ a_ij)^(−1/ε) the delivered-price change,
 * (Σ_i λ_ij (λ̂_ij ⁄ p̂_ij)^ρ)^(−1/ρ), ρ = ε ⁄ (ε + 1) — equal to (Σ_k a_kj)^(−1/ε) where every a = 1.
 */
function trueCesPart(system: EquilibriumSystem, state: EquilibriumState, j: number): number {
  const { N, shares } = system.baseline;
  const epsilon = system.baseline.params.tradeElasticity;
  const rho = epsilon / (epsilon + 1);
  const shifters = system.shifters!;
  let total = 0;
  for (let i = 0; i < N; i++) {
    const k = i * N + j;
    const base = shares[k];
    const bought = system.policyShares[k] * state.unitCost[i];
    if (!(base > 0) || !(bought > 0)) continue;
    const price = Math.pow((state.unitCost[i] * system.policyFactor[k]) / shifters[k], -1 / epsilon);
    total += base * Math.pow(bought / state.attractionTotal[j] / base / price, rho);
  }
  return Math.pow(total, -1 / rho);
}

/** T′ and its derivative terms of the system's deficit rule at the evaluated Y′ (see EquilibriumState.heldDeficit). */
function heldDeficits(system: EquilibriumSystem, state: EquilibriumState): void {
  const { heldDeficit, deficitDiagonal, deficitRow, deficitColumn, newOutput } = state;
  const { deficit } = system.baseline;
  const N = newOutput.length;
  if (system.deficitRule === "world-income-share") {
    const outputGrowth = state.newWorldOutput / system.worldOutput;
    for (let i = 0; i < N; i++) {
      heldDeficit[i] = deficit[i] * outputGrowth;
      deficitDiagonal[i] = 0;
      deficitRow[i] = deficit[i] / system.worldOutput;
      deficitColumn[i] = 1;
    }
    state.imbalanceScale = 1;
  } else if (system.deficitRule === "balanced") {
    heldDeficit.fill(0);
    deficitDiagonal.fill(0);
    deficitRow.fill(0);
    deficitColumn.fill(0);
    state.imbalanceScale = 1;
  } else {
    const rho = system.expenditureRatio;
    for (let i = 0; i < N; i++) deficitColumn[i] = rho[i] * newOutput[i]; // scratch for the compensated sum
    const weighted = compensatedSum(deficitColumn);
    const scale = state.newWorldOutput / weighted;
    for (let i = 0; i < N; i++) {
      heldDeficit[i] = (rho[i] * scale - 1) * newOutput[i];
      deficitDiagonal[i] = rho[i] * scale - 1;
      deficitRow[i] = (rho[i] * newOutput[i]) / weighted;
      deficitColumn[i] = 1 - rho[i] * scale;
    }
    state.imbalanceScale = scale;
  }
}

/** evaluateEquilibrium unless `state` already holds this system at this x (bit for bit). */
export function ensureEquilibrium(system: EquilibriumSystem, x: Float64Array, state: EquilibriumState): void {
  if (state.system === system) {
    let same = true;
    for (let k = 0; k < x.length && same; k++) same = Object.is(state.point[k], x[k]);
    if (same) return;
  }
  evaluateEquilibrium(system, x, state);
}

/**
 * The residuals of §3.3, each scaled to be dimensionless (the root is unchanged):
 *   out[i]      = ERR1_i / Y_i,  ERR1_i = Σ_k (1−ν_k) X′_ik + ν_i Σ_k X′_ki − ŵ_i L̂_i Y_i, where
 *                 X′_ik = λ′_ik E′_k/(1+t_ik) and Σ_k X′_ki = E′_i − R_i;
 *                 at i = replacedWageEquation instead Σ_j E_j (P̂_j − 1) / Σ_j E_j   (normalisation; with
 *                 countries that no longer trade with each other, one such row per trading component)
 *   out[N+i]    = ERR2_i / E_i,  ERR2_i = R_i + ŵ_i L̂_i Y_i + T′_i − Ê_i E_i, T′_i = T_i ΣY′/ΣY (the paper; other
 *                 rules: EquilibriumSystem.deficitRule)
 *   out[2N+i]   = ERR3_i = L̂_i − (τ̂_i ŵ_i / P̂_i)^κ,  τ̂_i = 1/(1−τ_i)
 * Row sums over N terms are plain loops in four partial sums (relative error ~N·1e−16).
 */
export function equilibriumResidual(system: EquilibriumSystem, x: Float64Array, state: EquilibriumState, out: Float64Array): void {
  evaluateEquilibrium(system, x, state);
  const { baseline, salesShares } = system;
  const { N, nu, expenditure, output } = baseline;
  const kappa = baseline.params.laborSupplyElasticity;
  const { unitCost, attractionTotal, priceIndexHat, newOutput, newExpenditure, revenue, incomeTaxRate, heldDeficit } = state;
  // out[N..2N) is free until ERR2 is written: use it for (1−ν_k) E′_k / Σ_m a_mk.
  for (let k = 0; k < N; k++) out[N + k] = ((1 - nu[k]) * newExpenditure[k]) / attractionTotal[k];
  for (let i = 0; i < N; i++) {
    const row = i * N;
    // Four partial sums (independent add chains).
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    for (; k + 3 < N; k += 4) {
      s0 += salesShares[row + k] * out[N + k];
      s1 += salesShares[row + k + 1] * out[N + k + 1];
      s2 += salesShares[row + k + 2] * out[N + k + 2];
      s3 += salesShares[row + k + 3] * out[N + k + 3];
    }
    for (; k < N; k++) s0 += salesShares[row + k] * out[N + k];
    // Σ_k a_ik/(1+t_ik) f_k with a_ik = s_ik u_i: the unit cost factors out of the row.
    const sales = unitCost[i] * (s0 + s1 + s2 + s3);
    out[i] = (sales + nu[i] * (newExpenditure[i] - revenue[i]) - newOutput[i]) / output[i];
  }
  const { component, normalisedRow, componentExpenditure } = system;
  for (let c = 0; c < normalisedRow.length; c++) out[normalisedRow[c]] = 0;
  for (let j = 0; j < N; j++) out[normalisedRow[component[j]]] += expenditure[j] * (priceIndexHat[j] - 1);
  for (let c = 0; c < normalisedRow.length; c++) out[normalisedRow[c]] /= componentExpenditure[c];
  for (let i = 0; i < N; i++) {
    out[N + i] = (revenue[i] + newOutput[i] + heldDeficit[i] - newExpenditure[i]) / expenditure[i];
    const taxHat = 1 / (1 - incomeTaxRate[i]);
    out[2 * N + i] = Math.abs(x[2 * N + i]) - Math.pow((taxHat * Math.abs(x[i])) / priceIndexHat[i], kappa);
  }
}
