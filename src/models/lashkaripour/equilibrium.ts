import { TradewindsInputError, message } from "../../messages.js";
import { isolationIssue, reportIsolation } from "../isolationIssues.js";
import { analyseIsolation, levelDeficitSign } from "../tradeIsolation.js";
import type { PolicyOrigin } from "../types.js";
import { income } from "../caliendoParro/marketClearing.js";
import { costWeights, sectorPricesSharesAndFlows } from "../caliendoParro/sectorPrices.js";
import { addExportTaxRevenue } from "../caliendoParro/instrumentTerms.js";
import { trueSectorPriceIndex } from "../caliendoParro/truePriceIndex.js";
import type { CompiledPolicy } from "../types.js";
import { MACHINE_EPSILON, type LashkaripourEconomy } from "./economy.js";

/**
 * The equilibrium in changes of Lashkaripour (2021) as the tariffwar package solves it
 * (spec tariffwar.md §4–5, tw:+tariffwar/+solver/nash_equations.m, balanced_trade_equations.m).
 * Unknowns x = [ŵ (N), Ŷ (N), τ (P)], read as |x| (spec §9 item 3): wage and income changes of every
 * country and the gross uniform tariff τ_p = 1 + t_p of each of the P "tariff setters".
 *
 * The trade block is the multi-sector Armington block of Caliendo–Parro without input–output links
 * (caliendoParro/sectorPrices.ts with θ_s = ε_s = σ_s − 1 and ĉ = ŵ; marketClearing.ts):
 *
 *   λ′_ijs = λ_ijs (κ̂_ijs ŵ_i)^(−ε_s) / Σ_i′ λ_i′js (κ̂_i′js ŵ_i′)^(−ε_s),   κ̂ = (1 + t′)/(1 + t)·d̂
 *   x′_ijs = λ′_ijs e_js Ŷ_j Y_j / (1 + t′_ijs)                            (sales net of tariffs)
 *   ERR1_i = Σ_{j,s} x′_ijs − ŵ_i R_i              (eq. 6; row N−1, ROW, replaced by Σ_i R_i (ŵ_i − 1))
 *   ERR2_j = Σ_{i,s} t′_ijs x′_ijs + ŵ_j R_j − Ŷ_j Y_j   (eq. 7: income = wages + tariff revenue, D = 0)
 *   ERR3_p = τ_p − 1 − 1/max(A_p, 1)               (eq. 14: the optimal uniform tariff, setters only)
 *   A_i = Σ_s ε_s Σ_{j≠i} x′_ijs (1 − λ′_ijs) / max(Σ_{j≠i,s} x′_ijs, ε_M)
 *
 * A setter's tariff t′ = τ − 1 applies to every foreign exporter in every sector (services included),
 * 0 at home; everyone else keeps the policy's tariffs. With no setters this is the package's
 * balanced-trade system (§4) and, on a balanced baseline, the counterfactual of any tariff/trade-cost
 * policy. Residuals are scaled: ERR1 by R_i, the numeraire by Σ R, ERR2 by Y_j (the package solves the
 * unscaled mix; the root is the same).
 */
export interface LashkaripourSystem {
  economy: LashkaripourEconomy;
  /** Importers that choose a uniform tariff (ascending), and each country's position among them or −1. */
  setters: Int32Array;
  setterPosition: Int32Array;
  /** λ·κ̂^(−ε) with the policy's t′ and d̂; on setters' foreign columns without t′ (τ^(−ε) enters at evaluation). */
  baseWeights: Float64Array;
  /** Σ_i R_i, the numeraire's weight total. */
  worldWageIncome: number;
  /** Export taxes x (deal instruments): revenue x·x′ to the exporter's income (ERR2). */
  exportTaxes?: Float64Array;
  /** Markets with a commitment's demand shifter and p̂ ⁄ ŵ of every flow: P̂ is then the true CES index (welfare only). */
  distortion?: { markets: Uint8Array; priceFactor: Float64Array };
  /**
   * Trading components (models/tradeIsolation.ts): component[i], and per component the row whose ERR1 its
   * numeraire Σ_{i∈c} R_i (ŵ_i − 1) replaces (the package's ROW row, N − 1, in its own component) and Σ_{i∈c} R_i.
   * With every country trading, one component: the package's system.
   */
  component: Int32Array;
  numeraireRows: Int32Array;
  isNumeraireRow: Uint8Array;
  componentWageIncome: Float64Array;
}

/** The deal instruments' fixed wedges a Lashkaripour solve takes (models/types.ts). */
export type LashkaripourWedges = Pick<CompiledPolicy, "exportTaxes" | "demandShifters" | "productivity" | "transfers">;

/** The evaluated equilibrium at one x; arrays are overwritten by every evaluation. */
export interface LashkaripourState {
  wage: Float64Array;
  unitCost: Float64Array;
  /** Current cost weights (baseWeights × τ^(−ε) on setter columns), bilateral. */
  weights: Float64Array;
  /** t′ and 1/(1 + t′) in force, bilateral. */
  tariffs: Float64Array;
  inverseTariffFactor: Float64Array;
  /** P̂_js, [j*S + s]. */
  priceIndex: Float64Array;
  /** λ′, bilateral. */
  shares: Float64Array;
  /** e_js Ŷ_j Y_j, [j*S + s]. */
  spending: Float64Array;
  /** x′, bilateral. */
  flows: Float64Array;
  /** Σ_j x′_ijs, [i*S + s]. */
  grossOutput: Float64Array;
  /** Σ_i t′ x′_ijs, [j*S + s]. */
  tariffRevenue: Float64Array;
  /** ŵ_j R_j + tariff revenue, [j]. */
  income: Float64Array;
  /** A_i and its denominator max(Σ_{j≠i,s} x′_ijs, ε_M), [i] (setters only). */
  demandElasticity: Float64Array;
  foreignSales: Float64Array;
  sums: Float64Array;
  /** Lump-sum transfers received (tariff-rate-quota rents; 0 without), added to income: trade is balanced otherwise. */
  zeroDeficits: Float64Array;
}

export function newLashkaripourState(N: number, S: number): LashkaripourState {
  const bilateral = () => new Float64Array(S * N * N);
  return {
    wage: new Float64Array(N),
    unitCost: new Float64Array(N * S),
    weights: bilateral(),
    tariffs: bilateral(),
    inverseTariffFactor: bilateral(),
    priceIndex: new Float64Array(N * S),
    shares: bilateral(),
    spending: new Float64Array(N * S),
    flows: bilateral(),
    grossOutput: new Float64Array(N * S),
    tariffRevenue: new Float64Array(N * S),
    income: new Float64Array(N),
    demandElasticity: new Float64Array(N),
    foreignSales: new Float64Array(N),
    sums: new Float64Array(N),
    zeroDeficits: new Float64Array(N),
  };
}

export interface EconomyCodes {
  countries: string[];
  sectors: string[];
}

/**
 * Fixes the policy part of the system: counterfactual tariffs t′ and trade-cost factors d̂ (Infinity:
 * embargo), bilateral order, and the tariff setters. Rejects a policy that leaves a market with spending
 * and no supplier. Writes the policy's constant parts into `state`.
 */
export function prepareSystem(
  economy: LashkaripourEconomy,
  tariffs: Float64Array,
  tradeCostFactors: Float64Array,
  setters: readonly number[],
  codes: EconomyCodes,
  state: LashkaripourState,
  origin?: PolicyOrigin,
  notes: string[] = [],
  wedges: LashkaripourWedges = {},
): LashkaripourSystem {
  const { N, S } = economy;
  const sorted = Int32Array.from(new Set(setters)).sort();
  const setterPosition = new Int32Array(N).fill(-1);
  sorted.forEach((k, p) => (setterPosition[k] = p));
  const effective = Float64Array.from(tariffs);
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++)
      for (const j of sorted) if (i !== j) effective[(s * N + i) * N + j] = 0;
  const baseWeights = new Float64Array(S * N * N);
  costWeights(N, S, economy.tradeElasticities, economy.shares, economy.tariffs, effective, tradeCostFactors, baseWeights);
  const { exportTaxes, demandShifters, productivity, transfers } = wedges;
  const hasWedges = exportTaxes || demandShifters || productivity || transfers;
  if (hasWedges && sorted.length) throw new Error("internal: nash-tariffs with deal instruments (normalization rejects them)");
  for (let s = 0; s < S && hasWedges; s++) {
    const epsilon = economy.tradeElasticities[s];
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        const k = (s * N + i) * N + j;
        const tax = exportTaxes ? exportTaxes[k] : 0;
        baseWeights[k] *= (productivity ? productivity[i * S + s] : 1) * (demandShifters ? demandShifters[k] : 1) * (tax !== 0 ? Math.pow(1 + tax, -epsilon) : 1);
      }
  }
  const issues = [];
  for (let s = 0; s < S; s++)
    for (let j = 0; j < N; j++) {
      if (!(economy.spendingShares[j * S + s] > 0)) continue;
      let supplied = false;
      for (let i = 0; i < N && !supplied; i++) supplied = baseWeights[(s * N + i) * N + j] > 0;
      if (!supplied) issues.push(isolationIssue([j], [codes.countries[j]], origin, message.embargoNoSupplier(codes.countries[j], codes.sectors[s])));
    }
  if (issues.length) throw new TradewindsInputError(issues);
  // Trade is balanced (D = 0): a country that can buy nothing abroad sells nothing either, in the limit (tradeIsolation.ts).
  const canSell = new Uint8Array(N * N);
  for (let s = 0; s < S; s++) for (let k = 0; k < N * N; k++) if (baseWeights[s * N * N + k] > 0) canSell[k] = 1;
  const analysis = analyseIsolation(N, canSell, levelDeficitSign(new Float64Array(N), economy.wageIncome));
  notes.push(
    ...reportIsolation(analysis, codes.countries, origin, "the model balances every country's trade", "leave at least one trade link of these countries open", (countries) =>
      message.separateNumeraire(countries, "wage income"),
    ),
  );
  for (let k = 0; k < N * N; k++) {
    if (!canSell[k] || analysis.links[k] || Math.floor(k / N) === k % N) continue;
    for (let s = 0; s < S; s++) baseWeights[s * N * N + k] = 0;
  }
  const numeraireRows = new Int32Array(analysis.componentCount);
  const componentWageIncome = new Float64Array(analysis.componentCount);
  for (let i = 0; i < N; i++) {
    numeraireRows[analysis.component[i]] = i;
    componentWageIncome[analysis.component[i]] += economy.wageIncome[i];
  }
  const isNumeraireRow = new Uint8Array(N);
  for (const row of numeraireRows) isNumeraireRow[row] = 1;
  state.weights.set(baseWeights);
  // With an export tax the tariff falls on the export-tax-inclusive price: revenue t′·(1 + x)·x′, flows x′ at exporter prices.
  for (let k = 0; k < effective.length; k++) {
    const tax = exportTaxes ? exportTaxes[k] : 0;
    state.tariffs[k] = effective[k] * (1 + tax);
    state.inverseTariffFactor[k] = 1 / ((1 + effective[k]) * (1 + tax));
  }
  state.zeroDeficits.fill(0);
  if (transfers) state.zeroDeficits.set(transfers);
  let worldWageIncome = 0;
  for (let i = 0; i < N; i++) worldWageIncome += economy.wageIncome[i];
  const system: LashkaripourSystem = { economy, setters: sorted, setterPosition, baseWeights, worldWageIncome, component: analysis.component, numeraireRows, isNumeraireRow, componentWageIncome };
  if (exportTaxes) system.exportTaxes = exportTaxes;
  if (demandShifters) {
    const markets = new Uint8Array(N * S);
    const priceFactor = new Float64Array(S * N * N);
    for (let s = 0; s < S; s++)
      for (let i = 0; i < N; i++) {
        const technology = productivity ? Math.pow(productivity[i * S + s], -1 / economy.tradeElasticities[s]) : 1;
        for (let j = 0; j < N; j++) {
          const k = (s * N + i) * N + j;
          if (demandShifters[k] !== 1) markets[j * S + s] = 1;
          priceFactor[k] = (((1 + effective[k]) * (1 + (exportTaxes ? exportTaxes[k] : 0)) * tradeCostFactors[k]) / (1 + economy.tariffs[k])) * technology;
        }
      }
    system.distortion = { markets, priceFactor };
  }
  return system;
}

/** Evaluates shares, flows, revenue, income and (for setters) A_i at |x|. */
export function evaluateSystem(system: LashkaripourSystem, x: Float64Array, state: LashkaripourState): void {
  const { economy, setters, baseWeights } = system;
  const { N, S, tradeElasticities: epsilon } = economy;
  const P = setters.length;
  for (let n = 0; n < N; n++) {
    const w = Math.abs(x[n]);
    state.wage[n] = w;
    for (let s = 0; s < S; s++) state.unitCost[n * S + s] = w;
  }
  for (let p = 0; p < P; p++) {
    const j = setters[p];
    const tau = Math.abs(x[2 * N + p]);
    const rate = tau - 1;
    const inverse = 1 / tau;
    const logTau = Math.log(tau);
    for (let s = 0; s < S; s++) {
      const power = Math.exp(-epsilon[s] * logTau);
      for (let i = 0; i < N; i++) {
        if (i === j) continue;
        const k = (s * N + i) * N + j;
        state.weights[k] = baseWeights[k] * power;
        state.tariffs[k] = rate;
        state.inverseTariffFactor[k] = inverse;
      }
    }
  }
  for (let j = 0; j < N; j++) {
    const level = Math.abs(x[N + j]) * economy.expenditure[j];
    for (let s = 0; s < S; s++) state.spending[j * S + s] = economy.spendingShares[j * S + s] * level;
  }
  sectorPricesSharesAndFlows(N, S, epsilon, state.weights, state.unitCost, state.spending, state.inverseTariffFactor, state.tariffs, state.priceIndex, state.shares, state.flows, state.grossOutput, state.tariffRevenue, state.sums);
  // The true price index reads the new shares and replaces P̂ in distorted markets; the flows do not depend on P̂.
  if (system.distortion) trueSectorPriceIndex(N, S, epsilon, economy.shares, state.shares, system.distortion.priceFactor, state.unitCost, system.distortion.markets, state.priceIndex);
  income(N, S, state.wage, economy.wageIncome, state.tariffRevenue, state.zeroDeficits, state.income);
  if (system.exportTaxes) addExportTaxRevenue(N, S, system.exportTaxes, state.flows, state.income);
  for (let p = 0; p < P; p++) {
    const i = setters[p];
    let weighted = 0;
    let sales = 0;
    for (let s = 0; s < S; s++) {
      const row = (s * N + i) * N;
      let sector = 0;
      for (let j = 0; j < N; j++) {
        if (j === i) continue;
        const flow = state.flows[row + j];
        sector += flow * (1 - state.shares[row + j]);
        sales += flow;
      }
      weighted += epsilon[s] * sector;
    }
    state.foreignSales[i] = Math.max(sales, MACHINE_EPSILON);
    state.demandElasticity[i] = weighted / state.foreignSales[i];
  }
}

/** The 2N + P scaled residuals at x (see the interface doc); `state` holds the evaluation afterwards. */
export function systemResidual(system: LashkaripourSystem, x: Float64Array, state: LashkaripourState, out: Float64Array): void {
  evaluateSystem(system, x, state);
  const { economy, setters } = system;
  const { N, S, wageIncome, expenditure } = economy;
  for (let i = 0; i < N; i++) {
    let sales = 0;
    for (let s = 0; s < S; s++) sales += state.grossOutput[i * S + s];
    out[i] = (sales - state.wage[i] * wageIncome[i]) / wageIncome[i];
    out[N + i] = (state.income[i] - Math.abs(x[N + i]) * expenditure[i]) / expenditure[i];
  }
  // One numeraire per trading component, replacing ERR1 of its row (one component: row N − 1, the package's).
  for (const row of system.numeraireRows) out[row] = 0;
  for (let i = 0; i < N; i++) out[system.numeraireRows[system.component[i]]] += wageIncome[i] * (state.wage[i] - 1);
  system.numeraireRows.forEach((row, c) => (out[row] /= system.componentWageIncome[c]));
  for (let p = 0; p < setters.length; p++) out[2 * N + p] = Math.abs(x[2 * N + p]) - 1 - 1 / Math.max(state.demandElasticity[setters[p]], 1);
}
