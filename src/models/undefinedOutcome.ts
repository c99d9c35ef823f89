import { message } from "../messages.js";
import type { ModelOutcome } from "./types.js";

/**
 * A structural-gravity solve whose resistances ran to 0 or infinity (a pattern of embargoes for which the
 * scaling problem has no solution, found by bench/fuzz.ts) leaves some outcomes undefined (0/0, ∞). That
 * is a solve that did not succeed, not an internal error: the record says not converged with the reason,
 * and the undefined entries are written as 0 so that no NaN or Infinity reaches an output — the phase's
 * status (not-converged) says its values are not results, and tables and CSV do not print them.
 */
export function settleUndefinedOutcome(outcome: ModelOutcome, model: string): ModelOutcome {
  const undefinedKeys: string[] = [];
  const settle = (values: Float64Array, key: string) => {
    let found = false;
    for (let k = 0; k < values.length; k++) {
      if (Number.isFinite(values[k])) continue;
      values[k] = 0;
      found = true;
    }
    if (found) undefinedKeys.push(key);
  };
  for (const [key, values] of Object.entries(outcome.countries)) settle(values, key);
  for (const [key, values] of Object.entries(outcome.sectors ?? {})) settle(values, key);
  if (outcome.flows) settle(outcome.flows.counterfactual, "counterfactual flows");
  if (undefinedKeys.length === 0) return outcome;
  return { ...outcome, solver: { ...outcome.solver, converged: false, warnings: [...outcome.solver.warnings, message.undefinedOutcome(model, undefinedKeys)] } };
}
