import type { Dataset } from "../../data/dataset.js";
import { message } from "../../messages.js";
import type { SolverResult } from "../../solver/result.js";
import { assertFinite } from "../../solver/result.js";
import type { CompiledPolicy, Model, ModelOutcome, RunContext } from "../types.js";
import { calibrateEconomy, type CaliendoParroEconomy } from "./economy.js";
import { solveEquilibrium, type CaliendoParroEquilibrium, type CaliendoParroStart } from "./equilibrium.js";
import { caliendoParroOutcome, embargoedFlowCount } from "./outcome.js";
import type { CaliendoParroParams } from "./params.js";
import { policyTerms, type EconomyLabels, type PolicyTerms } from "./policyTerms.js";

/**
 * Caliendo & Parro (2015) multi-sector model with input–output links, in changes, as the cp2015 package
 * solves it (spec caliendo-parro-and-ossa.md Part 1). Without IO data (β = 1, γ = 0) it is the
 * multi-sector Armington/Eaton–Kortum model with lump-sum tariff revenue; with S = 1 the one-sector one.
 *
 * Like the package, every experiment is two solves from the same data: the baseline (baseline tariffs,
 * d̂ = 1) in `calibrate`, the counterfactual in `solve`, and results are their ratios. Deficits are 0 in
 * both ("zero-aggregate", CP §5.1) or the data deficits held in levels ("held").
 */
export interface CaliendoParroBaseline {
  data: Dataset;
  params: CaliendoParroParams;
  economy: CaliendoParroEconomy;
  labels: EconomyLabels;
  /** Deficits both solves use, USD levels by country. */
  deficits: Float64Array;
  policy: PolicyTerms;
  solution: SolverResult<CaliendoParroEquilibrium>;
}

export const caliendoParroModel: Model<CaliendoParroParams, CaliendoParroBaseline> = {
  id: "caliendo-parro",
  calibrate(data: Dataset, params: CaliendoParroParams, ctx: RunContext): CaliendoParroBaseline {
    const economy = calibrateEconomy(data, params);
    const { N, S } = economy;
    const labels = { countries: data.countries.map((c) => c.code), sectors: data.sectors.map((s) => s.code) };
    const deficits = params.deficits === "held" ? Float64Array.from(economy.dataDeficits) : new Float64Array(N);
    const policy = policyTerms(economy, economy.baseTariffs, new Float64Array(S * N * N).fill(1), deficits, labels);
    const solution = solveEquilibrium(economy, policy, params, (n) => labels.countries[n]);
    for (const w of [...policy.notes, ...solution.warnings]) ctx.warnings.push(`baseline solve: ${w}`);
    return { data, params, economy, labels, deficits, policy, solution };
  },
  solve(baseline: CaliendoParroBaseline, compiled: CompiledPolicy, ctx: RunContext, start?: unknown): ModelOutcome {
    const { economy, params } = baseline;
    const size = economy.S * economy.N * economy.N;
    if (compiled.tariffs.length !== size || compiled.tradeCostFactors.length !== size) {
      throw new Error(`internal: compiled policy arrays have ${compiled.tariffs.length}/${compiled.tradeCostFactors.length} entries, the dataset needs ${size}`);
    }
    const policy = policyTerms(economy, compiled.tariffs, compiled.tradeCostFactors, baseline.deficits, baseline.labels, compiled.origin);
    const result = solveEquilibrium(economy, policy, { ...params, start: isStart(start) ? start : undefined }, (n) => baseline.labels.countries[n]);
    for (const w of [...policy.notes, ...result.warnings]) ctx.warnings.push(w);
    const skipped = embargoedFlowCount(baseline.solution.value, policy);
    if (skipped > 0) ctx.warnings.push(message.embargoLinearisationSkipped(skipped));
    const { value: _value, ...record } = result;
    const outcome = caliendoParroOutcome(economy, baseline.solution.value, baseline.policy, result.value, policy, {
      ...record,
      converged: record.converged && baseline.solution.converged,
      warnings: [...baseline.solution.warnings.map((w) => `baseline solve: ${w}`), ...record.warnings],
    });
    for (const [key, values] of Object.entries({ ...outcome.countries, ...outcome.sectors })) assertFinite(values, key);
    const { unitCost, spending, wage } = result.value;
    const warmStart: CaliendoParroStart = { unitCost: Float64Array.from(unitCost), spending: Float64Array.from(spending), wage: Float64Array.from(wage) };
    return { ...outcome, warmStart };
  },
};

function isStart(start: unknown): start is CaliendoParroStart {
  const s = start as Partial<CaliendoParroStart> | undefined;
  return s !== undefined && s !== null && s.unitCost instanceof Float64Array && s.spending instanceof Float64Array && s.wage instanceof Float64Array;
}
