import type { Dataset } from "../data/dataset.js";
import type { ModelOutcome } from "../models/types.js";
import { message } from "../messages.js";
import { compensatedSum } from "../util/sum.js";
import { ACCOUNT_QUANTITY_KEYS, withAccountQuantities } from "./accountQuantities.js";
import type { DatasetMoney } from "./money.js";
import { definitionFor, definitionOf, quantityKey, valuesOf, type QuantityDefinition, type QuantityKey } from "./registry.js";
import type { BilateralRow, PhaseReport, ResultRow, SectorRow } from "./types.js";

export interface PhaseMeta {
  name: string;
  date?: string;
  description?: string;
}

/** What the report needs to know of the run beyond the outcome: the model (its lines of the definitions) and the dataset's money units. */
export interface ReportContext {
  modelType?: string;
  money?: DatasetMoney;
  /**
   * Report only these keys of the countries and groups, and no sector or bilateral rows (a sweep keeps the model's
   * table keys: sweep/pointResult.ts). The money and tariff-level figures are computed only if one of them is asked for.
   */
  keys?: ReadonlySet<string>;
}

/**
 * Step 5 of the pipeline (part): one phase's model outcome → rows for every country, the scenario's
 * report rows (groups aggregated as the registry says), WORLD, bilateral pairs and sector rows.
 * Every number is checked to be finite here, so no NaN or Infinity can reach an output. The money and
 * tariff-level figures (report/accountQuantities.ts) are added to the model's own first.
 */
export function buildPhaseReport(
  phase: PhaseMeta,
  modelOutcome: ModelOutcome,
  data: Dataset,
  rows: { code: string; name: string; members: number[] }[],
  bilateralPairs: [number, number][],
  definitions: Record<string, QuantityDefinition>,
  context: ReportContext = {},
): PhaseReport {
  const N = data.countries.length;
  const wanted = context.keys;
  const outcome = !wanted || ACCOUNT_QUANTITY_KEYS.some((key) => wanted.has(key)) ? withAccountQuantities(modelOutcome, data, context.money) : modelOutcome;
  const define = (key: string) => (context.modelType === undefined ? definitionOf(key) : definitionFor(key, context.modelType));
  const keys = Object.keys(outcome.countries)
    .filter((key) => !wanted || wanted.has(key))
    .map(quantityKey);
  for (const key of keys) definitions[key] = define(key);

  const countries: ResultRow[] = data.countries.map((c, n) => {
    const values = valuesOf([]);
    for (const key of keys) {
      const value = outcome.countries[key][n];
      if (!Number.isFinite(value)) notFinite(value, `${key} of ${c.code} in phase ${phase.name}`);
      values[key] = value;
    }
    return { code: c.code, name: c.name, members: 1, values };
  });
  const everyone = [...Array(N).keys()];
  const summary = [...rows, { code: "WORLD", name: "World", members: everyone }].map((row) =>
    row.members.length === 1 && row.code !== "WORLD" ? countries[row.members[0]] : aggregateRow(row, keys, outcome),
  );

  const bilateral: BilateralRow[] = [];
  if (outcome.flows && !wanted) {
    const S = data.sectors.length;
    for (const [i, j] of bilateralPairs) {
      bilateral.push(bilateralRow(data, outcome.flows, i, j, [...Array(S).keys()], "ALL"));
      if (S > 1) for (let s = 0; s < S; s++) bilateral.push(bilateralRow(data, outcome.flows, i, j, [s], data.sectors[s].code));
    }
  }

  let sectors: SectorRow[] | undefined;
  if (outcome.sectors && !wanted) {
    const sectorKeys = Object.keys(outcome.sectors).map(quantityKey);
    for (const key of sectorKeys) definitions[key] = define(key);
    const S = data.sectors.length;
    sectors = [];
    for (let n = 0; n < N; n++)
      for (let s = 0; s < S; s++) {
        const values = valuesOf([]);
        for (const key of sectorKeys) {
          const value = outcome.sectors[key][n * S + s];
          if (!Number.isFinite(value)) notFinite(value, `${key} of ${data.countries[n].code}/${data.sectors[s].code}`);
          values[key] = value;
        }
        sectors.push({ country: data.countries[n].code, sector: data.sectors[s].code, sectorName: data.sectors[s].name, values });
      }
  }
  for (const instrument of outcome.instruments ?? []) {
    for (const [key, value] of Object.entries(instrument.values)) {
      definitions[key] = define(key);
      finite(value, `${key} of ${instrument.label} in phase ${phase.name}`);
    }
  }
  const scalars = valuesOf(Object.entries(outcome.scalars ?? {}).map(([key, value]) => [quantityKey(key), finite(value, key)]));
  for (const key of Object.keys(scalars)) definitions[key] = define(key);
  return {
    // Only the phase's identity: a compiled phase also carries its policy arrays (N²·S entries), which do not belong in a report.
    name: phase.name,
    ...(phase.date !== undefined && { date: phase.date }),
    ...(phase.description !== undefined && { description: phase.description }),
    converged: outcome.solver.converged,
    status: outcome.solver.converged ? "solved" : "not-converged",
    ...(!outcome.solver.converged && { statusNote: message.lastIterateOnly(outcome.solver.iterations, outcome.solver.residual, outcome.solver.tolerance) }),
    solver: {
      converged: outcome.solver.converged,
      method: outcome.solver.method,
      iterations: outcome.solver.iterations,
      residual: outcome.solver.residual,
      residualNorm: outcome.solver.residualNorm,
      tolerance: outcome.solver.tolerance,
      warnings: outcome.solver.warnings,
    },
    countries,
    summary,
    bilateral,
    sectors,
    scalars,
    ...(outcome.instruments?.length && { instruments: outcome.instruments }),
  };
}

/**
 * A group's value per the registry: the sum of its members, or their weighted mean — weights baseline expenditure,
 * or the model's weights for that key (ModelOutcome.aggregateWeights, e.g. baseline imports for tariff rates).
 */
function aggregateRow(row: { code: string; name: string; members: number[] }, keys: QuantityKey[], outcome: ModelOutcome): ResultRow {
  const values = valuesOf([]);
  const { members } = row;
  const terms = new Float64Array(members.length);
  for (const key of keys) {
    const how = definitionOf(key).aggregate;
    if (how === "none") continue;
    const weights = outcome.aggregateWeights && Object.hasOwn(outcome.aggregateWeights, key) ? outcome.aggregateWeights[key] : outcome.weights;
    const value = outcome.countries[key];
    for (let k = 0; k < members.length; k++) terms[k] = weights[members[k]];
    const totalWeight = compensatedSum(terms);
    // A group whose weights are all zero (no imports at all) has no weighted mean: 0, like a country's rate without imports.
    for (let k = 0; k < members.length; k++) terms[k] = how === "sum" ? value[members[k]] : totalWeight > 0 ? (weights[members[k]] * value[members[k]]) / totalWeight : 0;
    values[key] = finite(compensatedSum(terms), `${key} of ${row.code}`);
  }
  return { code: row.code, name: row.name, members: row.members.length, values };
}

function bilateralRow(data: Dataset, flows: NonNullable<ModelOutcome["flows"]>, i: number, j: number, sectors: number[], sector: string): BilateralRow {
  const N = data.countries.length;
  let baseline = 0;
  let counterfactual = 0;
  for (const s of sectors) {
    baseline += flows.baseline[(s * N + i) * N + j];
    counterfactual += flows.counterfactual[(s * N + i) * N + j];
  }
  return {
    exporter: data.countries[i].code,
    importer: data.countries[j].code,
    sector,
    baseline: finite(baseline, "baseline flow"),
    counterfactual: finite(counterfactual, "counterfactual flow"),
    changePct: baseline > 0 ? finite(100 * (counterfactual / baseline - 1), "bilateral change") : 0,
  };
}

function finite(x: number, what: string): number {
  if (!Number.isFinite(x)) notFinite(x, what);
  return x;
}

/** The internal error of a non-finite number (the per-value loops test Number.isFinite first and name `what` only then). */
function notFinite(x: number, what: string): never {
  throw new Error(`internal: ${what} is ${x}; a model produced a non-finite number`);
}
