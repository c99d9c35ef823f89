import { TradewindsInputError, message, type InputIssue } from "../messages.js";
import type { PolicyOrigin } from "./types.js";
import type { IsolationAnalysis } from "./tradeIsolation.js";

/**
 * Turns a trade-isolation analysis (tradeIsolation.ts) into what the user sees: an input error naming
 * the scenario file and the embargo shocks for a policy without equilibrium, warnings for the limits
 * the model solves instead. `rule` states the model's imbalance rule, `fix` what the user can change,
 * `separated` the warning for countries that end up trading with nobody outside their own group.
 */
export function reportIsolation(
  analysis: IsolationAnalysis,
  codes: string[],
  origin: PolicyOrigin | undefined,
  rule: string,
  fix: string,
  separated: (countries: string[]) => string,
): string[] {
  const issues: InputIssue[] = [];
  const warnings: string[] = [];
  for (const finding of analysis.findings) {
    const names = listed(finding.members.map((n) => codes[n]));
    if (finding.kind === "no-equilibrium") issues.push(isolationIssue(finding.members, names, origin, message.isolationNoEquilibrium(names, finding.reason!, rule, fix)));
    else warnings.push(message.isolationLimit(names, finding.kind));
  }
  if (issues.length) throw new TradewindsInputError(issues);
  if (analysis.componentCount > 1) {
    // The component holding the most countries keeps the world numeraire's wording; the others are named.
    const sizes = new Map<number, number[]>();
    analysis.component.forEach((c, n) => sizes.set(c, [...(sizes.get(c) ?? []), n]));
    const largest = [...sizes.entries()].sort((a, b) => b[1].length - a[1].length)[0][0];
    for (const [c, members] of sizes) if (c !== largest) warnings.push(separated(listed(members.map((n) => codes[n]))));
  }
  return warnings;
}

/** An issue located at the embargo shocks that touch `members` (or the phase's shocks when none is known). */
export function isolationIssue(members: number[], names: string[], origin: PolicyOrigin | undefined, text: string): InputIssue {
  const touching = (origin?.shocks ?? []).filter((e) => e.type === "embargo" && members.some((n) => e.importers.includes(n) || e.exporters.includes(n))).map((e) => e.path);
  return {
    source: origin?.source ?? "scenario",
    path: touching.length ? touching.join(", ") : origin ? `${origin.phasePath}.shocks` : "shocks",
    value: names.join(", "),
    message: text,
  };
}

/** At most 8 codes, then "… (k more)", so that a message about most of the world stays readable. */
function listed(codes: string[]): string[] {
  return codes.length <= 8 ? codes : [...codes.slice(0, 8), `… (${codes.length - 8} more)`];
}
