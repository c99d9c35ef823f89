import type { CompareRule } from "./compareRules.js";

/**
 * One reported quantity of the results registry (report/registry.ts): key, label, unit, formula, sign
 * convention, how groups aggregate it and which way is good for a country.
 */
export interface QuantityDefinition {
  key: string;
  label: string;
  /**
   * "rate": an ad valorem rate (tariff) as a share, printed in % in tables. "USD": US dollars of the dataset's
   * year, converted from the dataset's units (RunReport.dataset.money); tables print $141.4 bn.
   */
  unit: "%" | "pp" | "share" | "ratio" | "level" | "count" | "rate" | "USD";
  /** The formula, in the notation of ../shared/spec (hat = counterfactual ÷ baseline). */
  formula: string;
  /** How to read the sign. */
  sign: string;
  /** Where it lives in the output. */
  level: "country" | "country-sector" | "scalar" | "bloc" | "instrument";
  /**
   * How a group aggregate is formed: weighted mean (baseline expenditure, or the weights the model gives for the
   * key, ModelOutcome.aggregateWeights — e.g. baseline imports for effective tariff rates), sum, or not aggregated.
   */
  aggregate: "weighted-mean" | "sum" | "none";
  /** A change rather than a level: tables print "+" before a positive value (as they do for every % column). */
  change?: boolean;
  /** For unit "level": an amount of money in the units of the dataset's flows or of its GDP (tables print it in dollars). */
  amountOf?: "flows" | "gdp";
  /**
   * What the quantity is in each model (its income, its numeraire, the assumption that drives it), by model
   * type. A run's report carries only its own model's line, as `model` (see definitionFor).
   */
  models?: Readonly<Record<string, string>>;
  /** In a run's report: this model's line of `models`. */
  model?: string;
  /**
   * Which way is good for the country, machine-readable (the dashboard colours gains and losses by it):
   * "higher" (welfare, real wage), "lower" (consumer prices), or "neither" — a change that is not a gain
   * or a loss in itself (exports, factory prices, deficits, tariff levels, exposure shares).
   */
  better: "higher" | "lower" | "neither";
  /** How `compareWith` sets one phase's value against another's (report/compareRules.ts): "ratio" of the changes or "difference". */
  compare?: CompareRule;
}
