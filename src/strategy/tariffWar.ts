import { dims, type Dataset } from "../data/dataset.js";
import { TradewindsInputError, message, show, type InputIssue } from "../messages.js";
import { elasticitiesOf } from "../models/lashkaripour/baseline.js";
import { ossaBaseline, type OssaSigmaSet } from "../models/ossa/baseline.js";
import type { OssaEconomy } from "../models/ossa/economy.js";
import { newOssaWorkspace, ossaWelfare } from "../models/ossa/equilibrium.js";
import { solveOssa } from "../models/ossa/solve.js";
import { OSSA_NASH, ossaNashTariffs } from "../models/ossa/nashTariffs.js";
import { instrumentIndices, optimalTariffs } from "../models/ossa/optimalTariffs.js";
import { definitionOf, type QuantityDefinition } from "../report/registry.js";
import { median } from "../util/median.js";
import type { BestResponseRound } from "./bestResponse.js";

import { SIGMA_SETS } from "./sigmaSets.js";

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
  /** Called after each optimal-tariff problem (done, total) and each Nash round. */
  progress?: (event: { stage: "optimal" | "nash"; done: number; total: number }) => void;
}

/** One row of the optimal-tariff table (Ossa 2014 Table 3: j at its optimum, everyone else at factual tariffs). */
export interface OptimalTariffRow {
  code: string;
  values: { optimalTariffWelfarePct: number; optimalTariffOthersWelfarePct: number; medianOptimalTariff: number };
  converged: boolean;
  iterations: number;
}

/** One row of the Nash table (Ossa 2014 Table 4: everyone at the Nash tariffs). */
export interface NashRow {
  code: string;
  values: { nashWelfarePct: number; medianNashTariff: number };
}

export interface TariffWarReport {
  dataset: { name: string; title: string; year: number };
  sigma: string;
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
    economy: ossaBaseline(data, Float64Array.from(set.values, (e) => e + 1)),
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
  if (issues.length) throw new TradewindsInputError(issues);
  const { N, S } = dims(data);
  if (S < 2) throw new TradewindsInputError([{ source: `dataset ${data.meta.name}`, path: "sectors", value: String(S), message: message.modelNeedsDataset("ossa", message.tariffWarNeedsSectors()) }]);

  const { economy, sigmaLabel, notes } = ossaTariffWarEconomy(data, fromElasticities ? { elasticities: options.elasticities } : { sigma });
  const chosen = (options.countries?.length ? options.countries : codes).map((c) => codes.indexOf(c));
  const warnings: string[] = [];
  const stacked = Float64Array.from(economy.tariffs);
  const rows: OptimalTariffRow[] = [];
  for (const [done, j] of chosen.entries()) {
    const indices = instrumentIndices(N, S, j);
    const start = Float64Array.from(indices, (k) => 1 / (economy.sigma[Math.floor(k / (N * N))] - 1));
    const r = optimalTariffs(economy, j, economy.tariffs, start);
    indices.forEach((k, q) => (stacked[k] = r.instruments[q]));
    const at = welfareAt(economy, r.tariffs, r.equilibrium);
    if (!r.optimiser.converged) warnings.push(message.optimalSearchNotConverged(codes[j], r.optimiser.iterations, r.optimiser.residual));
    if (r.failedSolves) warnings.push(message.optimalSearchFailedSolves(codes[j], r.failedSolves));
    rows.push({
      code: codes[j],
      values: {
        optimalTariffWelfarePct: at.welfarePct[j],
        optimalTariffOthersWelfarePct: mean(at.welfarePct.filter((_, k) => k !== j)),
        medianOptimalTariff: median(r.instruments),
      },
      converged: r.optimiser.converged && at.converged,
      iterations: r.optimiser.iterations,
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
    optimal: { rows, average },
    nash,
    warnings,
    notes,
    definitions: Object.fromEntries(KEYS.slice(0, nash ? KEYS.length : 3).map((k) => [k, definitionOf(k)])),
  };
}

function averageOf<T extends Record<string, number>>(rows: T[]): T {
  return Object.fromEntries(Object.keys(rows[0]).map((k) => [k, mean(rows.map((r) => r[k]))])) as T;
}
