import { dims, type Dataset } from "../data/dataset.js";
import { TradewindsInputError, message, show, type InputIssue } from "../messages.js";
import { elasticitiesOf } from "../models/lashkaripour/baseline.js";
import { ossaBaseline } from "../models/ossa/baseline.js";
import type { OssaEconomy } from "../models/ossa/economy.js";
import { newOssaWorkspace, ossaWelfare } from "../models/ossa/equilibrium.js";
import { solveOssa } from "../models/ossa/solve.js";
import { OSSA_NASH, ossaNashTariffs } from "../models/ossa/nashTariffs.js";
import { NEWTON_STAGE_MAX_INSTRUMENTS, OPTIMAL_TARIFF_GRADIENT_TOLERANCE, OPTIMAL_TARIFF_STEP_TOLERANCE, instrumentIndices, mfnOptimalTariffs, optimalTariffs } from "../models/ossa/optimalTariffs.js";
import { definitionOf, type QuantityDefinition } from "../report/registry.js";
import { median } from "../util/median.js";
import type { BestResponseRound } from "./bestResponse.js";

import { SIGMA_SETS } from "./sigmaSets.js";
import { mapToFloat64 } from "../util/typedArrays.js";

export { SIGMA_SETS };

export interface TariffWarOptions {
  /** `SIGMA_SETS` key (datasets with Ossa's σ sets: gtap-2007); default "main". */
  sigma?: string;
  /** A name of the dataset's elasticity sets: σ_s = ε_s + 1 (datasets with elasticitySets, e.g. icio-2022); default the dataset's default set. */
  elasticities?: string;
  /** Countries whose optimal tariffs are computed (codes); default all. */
  countries?: string[];
  /** Also compute the Nash tariffs by best-response iteration from the stacked optimal tariffs (needs all countries). */
  nash?: boolean;
  /** Best-response stopping rule: |mean change| ≤ tolerance (Ossa: 1e-2) and round budget (Ossa: 24). */
  nashTolerance?: number;
  maxRounds?: number;
  /**
   * Where each optimal-tariff search starts: "inverse-elasticity" (default) 1/(σ_s − 1) on every partner, the
   * start of Ossa's MFN search; "mfn-optimal" j's MFN-optimal rates (one per industry), Ossa's own start of the
   * full search (myoptimaltariffj.m; costs one MFN search more). On gtap-2007 both reach the same optimum
   * (every tariff within 1e-8). Starting from the applied tariffs is not offered: from there Japan's search ends
   * in a region where welfare is not concave (Hessian indefinite, welfare 1.4e-6 % below the optimum).
   */
  start?: OptimalTariffStart;
  /** Stage 1's projected-gradient tolerance (default OPTIMAL_TARIFF_GRADIENT_TOLERANCE). */
  tolerance?: number;
  /** Stage 2's tolerance on the tariffs, max |Δt′| of the last Newton step (default OPTIMAL_TARIFF_STEP_TOLERANCE); null skips stage 2. */
  tariffTolerance?: number | null;
  /** Called after each optimal-tariff problem (done, total) and each Nash round. */
  progress?: (event: { stage: "optimal" | "nash"; done: number; total: number }) => void;
}

export const OPTIMAL_TARIFF_STARTS = ["inverse-elasticity", "mfn-optimal"] as const;
/** Accepted tariff tolerances: below 1e-12 the differenced Hessian's noise decides; above 1e-2 (1 pp) the answer is not converged. */
export const TARIFF_TOLERANCE_RANGE = [1e-12, 1e-2] as const;
/** Accepted projected-gradient tolerances of the quasi-Newton stage. */
export const GRADIENT_TOLERANCE_RANGE = [1e-12, 1e-3] as const;
export type OptimalTariffStart = (typeof OPTIMAL_TARIFF_STARTS)[number];

/** One row of the optimal-tariff table (Ossa 2014 Table 3: j at its optimum, everyone else at factual tariffs). */
export interface OptimalTariffRow {
  code: string;
  values: { optimalTariffWelfarePct: number; optimalTariffOthersWelfarePct: number; medianOptimalTariff: number };
  /** Both stages of the search converged (the tariffs, not only welfare) and the equilibrium at the optimum solved. */
  converged: boolean;
  /** Stage 1's iterations (quasi-Newton on welfare). */
  iterations: number;
  /** Stage 1's final projected gradient. */
  gradient: number;
  /** Stage 2 (Newton on the tariffs): steps taken and max |Δt′| of the last one; null when skipped. */
  tariffSteps: number | null;
  tariffChange: number | null;
}

/** One row of the Nash table (Ossa 2014 Table 4: everyone at the Nash tariffs). */
export interface NashRow {
  code: string;
  values: { nashWelfarePct: number; medianNashTariff: number };
}

export interface TariffWarReport {
  dataset: { name: string; title: string; year: number };
  sigma: string;
  /** How the optimal-tariff searches ran: start point and both stages' tolerances (tariffTolerance null: stage 2 skipped). */
  search: { start: OptimalTariffStart; gradientTolerance: number; tariffTolerance: number | null };
  optimal: { rows: OptimalTariffRow[]; average?: OptimalTariffRow["values"] };
  nash?: { rows: NashRow[]; average: NashRow["values"]; converged: boolean; rounds: number; tolerance: number; path: BestResponseRound[] };
  warnings: string[];
  /** How the data were read (e.g. flows converted to exporter prices). */
  notes: string[];
  definitions: Record<string, QuantityDefinition>;
}

const KEYS = ["optimalTariffWelfarePct", "optimalTariffOthersWelfarePct", "medianOptimalTariff", "nashWelfarePct", "medianNashTariff"];

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Welfare changes (%) of every country at the given tariffs (NX′ = 0). */
function welfareAt(economy: OssaEconomy, tariffs: Float64Array, start?: Float64Array): { welfarePct: number[]; converged: boolean } {
  const work = newOssaWorkspace(economy);
  const solved = solveOssa(economy, tariffs, new Float64Array(economy.N), work, start);
  return { welfarePct: Array.from({ length: economy.N }, (_, k) => 100 * (ossaWelfare(economy, solved.value, work, k) - 1)), converged: solved.converged };
}

/**
 * Ossa's balanced baseline for a tariff war: with Ossa's σ sets (gtap-2007), or with σ = ε + 1 of a
 * dataset's elasticity set. Flows are read at exporter prices as every dataset stores them (the tariffwar
 * datasets' sources are at basic prices; only the lashkaripour model, following the package, reads them as
 * tariff-inclusive expenditure), and a note says so.
 */
export function ossaTariffWarEconomy(data: Dataset, choice: { sigma: string } | { elasticities: string | undefined }): { economy: OssaEconomy; sigmaLabel: string; notes: string[] } {
  if ("sigma" in choice) return { economy: ossaBaseline(data, SIGMA_SETS[choice.sigma]), sigmaLabel: choice.sigma, notes: [] };
  const set = elasticitiesOf(data, choice.elasticities, { source: "command line", path: "--elasticities" });
  return {
    economy: ossaBaseline(data, mapToFloat64(set.values, (e) => e + 1)),
    sigmaLabel: `ε + 1 of elasticity set ${set.name}`,
    notes: [message.ossaFlowsAtExporterPrices(data.meta.name)],
  };
}

/**
 * A tariff war in Ossa's (2014) model (spec caliendo-parro-and-ossa.md Part 2, λ = 1): each country's
 * optimal tariffs against factual tariffs elsewhere (Table 3: its welfare, the others' mean welfare, the
 * median of its (N−1)·S tariffs; the optimiser starts from 1/(σ_s − 1), Ossa's MFN start), and with
 * `nash`, the Nash tariffs by simultaneous best responses from the stacked optimal tariffs (Table 4).
 */
export function runTariffWar(data: Dataset, options: TariffWarOptions = {}): TariffWarReport {
  const fromElasticities = options.elasticities !== undefined || data.elasticitySets !== undefined;
  const sigma = options.sigma ?? "main";
  const codes = data.countries.map((c) => c.code);
  const issues: InputIssue[] = [];
  if (fromElasticities && options.sigma !== undefined) {
    issues.push({ source: "command line", path: "--sigma", value: show(options.sigma), message: message.tariffWarOptionNotForModel("--sigma", `ossa model on ${data.meta.name}`, "this dataset's σ = ε + 1 come from its elasticity sets: use --elasticities") });
  } else if (!Object.hasOwn(SIGMA_SETS, sigma)) issues.push({ source: "command line", path: "--sigma", value: show(sigma), message: message.unknownSigmaSet(sigma, Object.keys(SIGMA_SETS)) });
  for (const code of options.countries ?? []) if (!codes.includes(code)) issues.push({ source: "command line", path: "--country", value: show(code), message: message.unknownCountry(code, codes, []) });
  if (options.nash && options.countries?.length && options.countries.length < codes.length) {
    issues.push({ source: "command line", path: "--nash", value: "true", message: message.nashNeedsAllCountries() });
  }
  if (options.start !== undefined && !(OPTIMAL_TARIFF_STARTS as readonly string[]).includes(options.start)) {
    issues.push({ source: "command line", path: "--start", value: show(options.start), message: message.unknownChoice("start", options.start, OPTIMAL_TARIFF_STARTS) });
  }
  const inRange = (x: number | null | undefined, [lo, hi]: readonly [number, number]) => x === undefined || x === null || (x >= lo && x <= hi);
  if (!inRange(options.tariffTolerance, TARIFF_TOLERANCE_RANGE)) issues.push({ source: "command line", path: "--tariff-tolerance", value: show(options.tariffTolerance), message: message.toleranceOutOfRange(TARIFF_TOLERANCE_RANGE, "the largest tariff move (a share) of the last Newton step at which the search stops") });
  if (!inRange(options.tolerance, GRADIENT_TOLERANCE_RANGE)) issues.push({ source: "command line", path: "--gradient-tolerance", value: show(options.tolerance), message: message.toleranceOutOfRange(GRADIENT_TOLERANCE_RANGE, "the projected welfare gradient at which the quasi-Newton stage stops") });
  if (issues.length) throw new TradewindsInputError(issues);
  const { N, S } = dims(data);
  if (S < 2) throw new TradewindsInputError([{ source: `dataset ${data.meta.name}`, path: "sectors", value: String(S), message: message.modelNeedsDataset("ossa", message.tariffWarNeedsSectors()) }]);

  const { economy, sigmaLabel, notes } = ossaTariffWarEconomy(data, fromElasticities ? { elasticities: options.elasticities } : { sigma });
  const chosen = (options.countries?.length ? options.countries : codes).map((c) => codes.indexOf(c));
  const warnings: string[] = [];
  const stacked = Float64Array.from(economy.tariffs);
  const rows: OptimalTariffRow[] = [];
  const instrumentCount = (N - 1) * S;
  const newtonByDefault = instrumentCount <= NEWTON_STAGE_MAX_INSTRUMENTS;
  const search = {
    start: options.start ?? "inverse-elasticity",
    gradientTolerance: options.tolerance ?? OPTIMAL_TARIFF_GRADIENT_TOLERANCE,
    tariffTolerance: options.tariffTolerance === undefined ? (newtonByDefault ? OPTIMAL_TARIFF_STEP_TOLERANCE : null) : options.tariffTolerance,
  };
  if (options.tariffTolerance === undefined && !newtonByDefault) notes.push(message.newtonStageSkipped(instrumentCount, NEWTON_STAGE_MAX_INSTRUMENTS));
  for (const [done, j] of chosen.entries()) {
    const indices = instrumentIndices(N, S, j);
    const start = startingTariffs(economy, j, search.start, warnings, codes[j]);
    const r = optimalTariffs(economy, j, economy.tariffs, start, { tolerance: search.gradientTolerance, tariffTolerance: search.tariffTolerance });
    indices.forEach((k, q) => (stacked[k] = r.instruments[q]));
    const at = welfareAt(economy, r.tariffs, r.equilibrium);
    if (!r.converged) warnings.push(message.optimalSearchNotConverged(codes[j], r.optimiser.iterations, r.optimiser.residual, r.tariffConvergence && { steps: r.tariffConvergence.iterations, change: r.tariffConvergence.residual, tolerance: r.tariffConvergence.tolerance, why: r.tariffConvergence.warnings }));
    if (r.failedSolves) warnings.push(message.optimalSearchFailedSolves(codes[j], r.failedSolves));
    rows.push({
      code: codes[j],
      values: {
        optimalTariffWelfarePct: at.welfarePct[j],
        optimalTariffOthersWelfarePct: mean(at.welfarePct.filter((_, k) => k !== j)),
        medianOptimalTariff: median(r.instruments),
      },
      converged: r.converged && at.converged,
      iterations: r.optimiser.iterations,
      gradient: r.optimiser.residual,
      tariffSteps: r.tariffConvergence?.iterations ?? null,
      tariffChange: r.tariffConvergence?.residual ?? null,
    });
    options.progress?.({ stage: "optimal", done: done + 1, total: chosen.length });
  }
  const average = rows.length === N ? averageOf(rows.map((r) => r.values)) : undefined;

  let nash: TariffWarReport["nash"];
  if (options.nash) {
    const tolerance = options.nashTolerance ?? OSSA_NASH.tolerance;
    const maxRounds = options.maxRounds ?? OSSA_NASH.maxRounds;
    const result = ossaNashTariffs(economy, stacked, { nashTolerance: tolerance, maxRounds });
    const at = welfareAt(economy, result.value.tariffs);
    const nashRows = codes.map((code, j) => ({
      code,
      values: { nashWelfarePct: at.welfarePct[j], medianNashTariff: median(Array.from(instrumentIndices(N, S, j), (k) => result.value.tariffs[k])) },
    }));
    for (const round of result.value.path) if (round.unconverged.length) warnings.push(message.bestResponseNotConverged(round.round, round.unconverged.map((j) => codes[j])));
    if (!result.converged) warnings.push(message.nashNotConverged(result.value.path.at(-1)!.meanChange, tolerance, maxRounds));
    nash = { rows: nashRows, average: averageOf(nashRows.map((r) => r.values)), converged: result.converged && at.converged, rounds: result.iterations, tolerance, path: result.value.path };
    options.progress?.({ stage: "nash", done: 1, total: 1 });
  }
  return {
    dataset: { name: data.meta.name, title: data.meta.title, year: data.meta.year },
    sigma: sigmaLabel,
    search,
    optimal: { rows, average },
    nash,
    warnings,
    notes,
    definitions: Object.fromEntries(KEYS.slice(0, nash ? KEYS.length : 3).map((k) => [k, definitionOf(k)])),
  };
}

/** The start of j's optimal-tariff search, in instrument order (see TariffWarOptions.start). */
function startingTariffs(economy: OssaEconomy, j: number, start: OptimalTariffStart, warnings: string[], code: string): Float64Array {
  const { N, S } = economy;
  const indices = instrumentIndices(N, S, j);
  const inverseElasticity = Float64Array.from({ length: S }, (_, s) => 1 / (economy.sigma[s] - 1));
  let byIndustry: Float64Array = inverseElasticity;
  if (start === "mfn-optimal") {
    const mfn = mfnOptimalTariffs(economy, j, economy.tariffs, inverseElasticity);
    if (!mfn.converged) warnings.push(message.mfnStartNotConverged(code, mfn.iterations, mfn.residual));
    byIndustry = mfn.value;
  }
  return mapToFloat64(indices, (k) => byIndustry[Math.floor(k / (N * N))]);
}

function averageOf<T extends Record<string, number>>(rows: T[]): T {
  return Object.fromEntries(Object.keys(rows[0]).map((k) => [k, mean(rows.map((r) => r[k]))])) as T;
}
