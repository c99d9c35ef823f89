import { dims, type Dataset } from "../data/dataset.js";
import { TradewindsInputError, message, show, type InputIssue } from "../messages.js";
import { calibrateLashkaripour } from "../models/lashkaripour/baseline.js";
import { solveLashkaripour } from "../models/lashkaripour/model.js";
import { lashkaripourParamsSchema } from "../models/lashkaripour/params.js";
import { newRunContext, zeroPolicy } from "../models/types.js";
import { definitionOf, type QuantityDefinition } from "../report/registry.js";
import { median } from "../util/median.js";
import { compensatedSum } from "../util/sum.js";

export interface LashkaripourWarOptions {
  /** A name of the dataset's elasticity sets (default: the dataset's default set). */
  elasticities?: string;
  /** Countries whose optimal uniform tariff alone (everyone else at applied tariffs) is also computed. */
  countries?: string[];
  /** Where option values came from, for error messages. */
  source?: string;
  /** Called after each step: the baseline's balancing, the Nash war, each country's optimal tariff. */
  progress?: (event: { stage: "baseline" | "Nash war" | "optimal tariffs"; done: number; total: number }) => void;
}

/** One country in the Nash tariff war (every country at its Nash tariff). */
export interface LashkaripourNashRow {
  code: string;
  values: { welfareChangePct: number; nashTariffRate: number; welfareChangeUsd?: number };
}

/** One country setting its optimal uniform tariff alone, everyone else at the applied tariffs. */
export interface LashkaripourOptimalRow {
  code: string;
  values: { optimalTariffRate: number; optimalTariffWelfarePct: number; optimalTariffOthersWelfarePct: number };
  converged: boolean;
}

export interface SolveSummary {
  converged: boolean;
  method: string;
  iterations: number;
  residual: number;
  tolerance: number;
  warnings: string[];
}

export interface LashkaripourWarReport {
  model: "lashkaripour";
  /** `gdpUnits`: of GDP and the dollar changes — "USD million" for datasets in millions of USD (the tariffwar datasets' GDP: constant 2015 USD), else the dataset's units. */
  dataset: { name: string; title: string; year: number; gdpUnits: string };
  elasticities: string;
  /** The balancing solve of the baseline (spec §4) and the Nash solve (§5). */
  balance: SolveSummary;
  nash: {
    converged: boolean;
    solver: SolveSummary;
    rows: LashkaripourNashRow[];
    summary: { meanWelfareChangePct: number; medianWelfareChangePct: number; meanNashTariffRate: number; worldWelfareChangeUsd?: number };
  };
  optimal: LashkaripourOptimalRow[];
  /** Wall time of calibration (with balancing), the Nash solve and the optimal-tariff solves, ms. */
  timings: { calibrateMs: number; nashMs: number; optimalMs: number };
  warnings: string[];
  definitions: Record<string, QuantityDefinition>;
}

const summaryOf = ({ converged, method, iterations, residual, tolerance, warnings }: SolveSummary): SolveSummary => ({ converged, method, iterations, residual, tolerance, warnings });

/**
 * The global tariff war of Lashkaripour (2021) as the tariffwar package runs it (spec tariffwar.md §1):
 * the balanced-trade baseline of the chosen elasticity set, then every country at its Nash tariff
 * (uniform across partners and sectors), welfare relative to the balanced baseline, the dollar change
 * with the dataset's GDP, the unweighted mean and median. With `countries`, each of them also sets its
 * optimal uniform tariff alone (the others at applied tariffs). Non-convergence is reported, never hidden.
 */
export function runLashkaripourTariffWar(data: Dataset, options: LashkaripourWarOptions = {}): LashkaripourWarReport {
  const source = options.source ?? "command line";
  const codes = data.countries.map((c) => c.code);
  const known = new Map(codes.map((c, k) => [c, k]));
  const issues: InputIssue[] = [];
  for (const code of options.countries ?? []) if (!known.has(code)) issues.push({ source, path: "--country", value: show(code), message: message.unknownCountry(code, codes, []) });
  if (issues.length) throw new TradewindsInputError(issues);
  const { N } = dims(data);
  const params = lashkaripourParamsSchema.parse({ elasticities: options.elasticities });
  const warnings: string[] = [];

  const steps = 2 + (options.countries?.length ?? 0);
  let start = performance.now();
  const baseline = calibrateLashkaripour(data, params);
  const calibrateMs = performance.now() - start;
  options.progress?.({ stage: "baseline", done: 1, total: steps });

  start = performance.now();
  const ctx = newRunContext();
  const war = solveLashkaripour(baseline, { ...zeroPolicy(data), tariffSetters: [...Array(N).keys()] }, ctx);
  const nashMs = performance.now() - start;
  options.progress?.({ stage: "Nash war", done: 2, total: steps });
  warnings.push(...ctx.warnings);
  const welfare = war.countries.welfareChangePct;
  const dollars = war.countries.welfareChangeUsd;
  const rows = codes.map((code, k) => ({
    code,
    values: { welfareChangePct: welfare[k], nashTariffRate: war.solution[2 * N + k] - 1, ...(dollars && { welfareChangeUsd: dollars[k] }) },
  }));
  const tariffs = rows.map((r) => r.values.nashTariffRate);

  start = performance.now();
  const optimal: LashkaripourOptimalRow[] = [];
  for (const code of options.countries ?? []) {
    const j = known.get(code)!;
    const alone = newRunContext();
    const result = solveLashkaripour(baseline, { ...zeroPolicy(data), tariffSetters: [j] }, alone);
    warnings.push(...alone.warnings.map((w) => `${code} optimal tariff: ${w}`));
    const w = result.countries.welfareChangePct;
    optimal.push({
      code,
      values: { optimalTariffRate: result.solution[2 * N] - 1, optimalTariffWelfarePct: w[j], optimalTariffOthersWelfarePct: (compensatedSum(w) - w[j]) / (N - 1) },
      converged: result.solver.converged,
    });
    options.progress?.({ stage: "optimal tariffs", done: 2 + optimal.length, total: steps });
  }
  const optimalMs = performance.now() - start;

  const keys = ["welfareChangePct", "nashTariffRate", ...(dollars ? ["welfareChangeUsd", "worldWelfareChangeUsd"] : []), "meanWelfareChangePct", "medianWelfareChangePct", "meanNashTariffRate"];
  if (optimal.length) keys.push("optimalTariffRate", "optimalTariffWelfarePct", "optimalTariffOthersWelfarePct");
  return {
    model: "lashkaripour",
    dataset: { name: data.meta.name, title: data.meta.title, year: data.meta.year, gdpUnits: /^millions of (current |constant )?USD/.test(data.meta.units) ? "USD million" : data.meta.units },
    elasticities: baseline.elasticitySet,
    balance: summaryOf(baseline.balance),
    nash: {
      converged: war.solver.converged,
      solver: summaryOf(war.solver),
      rows,
      summary: {
        meanWelfareChangePct: war.scalars!.meanWelfareChangePct,
        medianWelfareChangePct: median(welfare),
        meanNashTariffRate: compensatedSum(tariffs) / N,
        ...(dollars && { worldWelfareChangeUsd: war.scalars!.worldWelfareChangeUsd }),
      },
    },
    optimal,
    timings: { calibrateMs, nashMs, optimalMs },
    warnings,
    definitions: Object.fromEntries(keys.map((k) => [k, definitionOf(k)])),
  };
}
