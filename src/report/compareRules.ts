/**
 * How `compareWith` relates one phase's value of a quantity to another phase's (both relative to the same
 * baseline). A change 100·(x̂ − 1) composes by ratio — the effect of phase a relative to phase b is
 * 100·((1 + a/100) ⁄ (1 + b/100) − 1) = 100·(x_a ⁄ x_b − 1); additive quantities (first-order effects in
 * percent of income, rates, levels, shares) by difference a − b. Groups and WORLD apply the rule to their rows.
 */
const RATIO_KEYS: ReadonlySet<string> = new Set([
  "welfareChangePct",
  "factoryPriceChangePct",
  "priceIndexChangePct",
  "exportsChangePct",
  "importsChangePct",
  "imrChangePct",
  "imrConditionalChangePct",
  "omrChangePct",
  "omrConditionalChangePct",
  "exportsConditionalChangePct",
  "outputChangePct",
  "expenditureChangePct",
  "termsOfTradeChangePct",
  "intranationalTradeChangePct",
  "realWageChangePct",
  "realIncomeChangePct",
  "grossOutputChangePct",
  "sectorPriceChangePct",
  "inputCostChangePct",
  "sectorExportsChangePct",
  "sectorImportsChangePct",
  "exportsToGdpChangePct",
  "importsToGdpChangePct",
  "employmentChangePct",
]);

export type CompareRule = "ratio" | "difference";

export function compareRuleOf(key: string): CompareRule {
  return RATIO_KEYS.has(key) ? "ratio" : "difference";
}

/** The value of a quantity in one phase relative to another phase, by the key's rule. */
export function relativeTo(rule: CompareRule, value: number, other: number): number {
  return rule === "ratio" ? 100 * ((1 + value / 100) / (1 + other / 100) - 1) : value - other;
}
