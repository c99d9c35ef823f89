/**
 * The results registry: every reported quantity defined once — key, label, unit, formula, sign
 * convention. Tables, CSV, JSON and chart axes all read it, and the definitions ship with every output.
 * A model may only report keys defined here (report/ checks this).
 */
export interface QuantityDefinition {
  key: string;
  label: string;
  unit: "%" | "pp" | "share" | "ratio" | "level" | "count" | "rate";
  /** The formula, in the notation of ../shared/spec (hat = counterfactual ÷ baseline). */
  formula: string;
  /** How to read the sign. */
  sign: string;
  /** Where it lives in the output. */
  level: "country" | "country-sector" | "scalar";
  /** How a group aggregate is formed: baseline-expenditure-weighted mean, sum, or not aggregated. */
  aggregate: "weighted-mean" | "sum" | "none";
}

const defs: QuantityDefinition[] = [
  // ---- country level: common to the one-sector and multi-sector models -------------------------
  {
    key: "welfareChangePct",
    label: "Welfare (real income)",
    unit: "%",
    formula: "100·(Ŵ − 1), Ŵ = real income counterfactual ÷ baseline (AG and gegravity: real GDP Y/P; Liberation Day: Ŵ of §3.3; Caliendo–Parro: real income I/P)",
    sign: "positive = the country gains",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "factoryPriceChangePct",
    label: "Factory-gate price (wage)",
    unit: "%",
    formula: "100·(p̂ − 1), p = factory-gate price (one-sector: the wage), relative to the model's numeraire",
    sign: "positive = the country's output is dearer",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "priceIndexChangePct",
    label: "Consumer price index",
    unit: "%",
    formula: "100·(P̂ − 1), P = CES price index of the importer (AG: IMR^(1/(1−σ)))",
    sign: "positive = consumer prices rise",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "exportsChangePct",
    label: "Exports",
    unit: "%",
    formula: "100·(Σ_{j≠i} X′_ij ⁄ Σ_{j≠i} X_ij − 1), foreign exports at factory-gate (tariff-exclusive) value",
    sign: "positive = exports grow",
    level: "country",
    aggregate: "weighted-mean",
  },
  {
    key: "importsChangePct",
    label: "Imports",
    unit: "%",
    formula: "100·(Σ_{i≠j} X′_ij ⁄ Σ_{i≠j} X_ij − 1), foreign imports, tariff-exclusive",
    sign: "positive = imports grow",
    level: "country",
    aggregate: "weighted-mean",
  },
];

export const registry: ReadonlyMap<string, QuantityDefinition> = new Map(defs.map((d) => [d.key, d]));

export function definitionOf(key: string): QuantityDefinition {
  const def = registry.get(key);
  if (!def) throw new Error(`internal: quantity ${JSON.stringify(key)} is not defined in report/registry.ts`);
  return def;
}
