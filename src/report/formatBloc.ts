import type { BlocReport } from "./blocReport.js";
import { formatNumber } from "./format.js";
import { textTable, type TextTableOptions } from "./textTable.js";

/** `tradewinds bloc --format json|table`: the bloc report as JSON or as text tables (cli-table3). */
export function formatBlocReport(report: BlocReport, format: "table" | "json", options: TextTableOptions = {}): string {
  if (format === "json") return JSON.stringify(report, null, 2) + "\n";
  const def = report.definitions[report.payoffKey];
  const gainDef = report.definitions.blocGainFromJoiningPp;
  const num = (x: number) => formatNumber(x, def);
  const setName = (members: string[]) => (members.length ? `{${members.join(", ")}}` : "{} (no bloc)");
  const { bloc } = report;
  const out: string[] = [];
  out.push(`${report.scenario.name} — bloc analysis, model ${report.model.type} on ${report.dataset.name} (${report.dataset.year || "year not stated"})`);
  out.push(`Leader ${bloc.leader}, target ${bloc.target}, ${bloc.candidates.length} candidates (${report.sets.length} membership sets); rules:`);
  for (const rule of bloc.rules) out.push(`  - ${rule}`);
  out.push(`Payoff: ${def.label} (${def.unit}) = ${def.formula}`);
  out.push(`A deviation gains only if it raises the deviator's payoff by more than ${report.indifference} ${def.unit === "%" ? "pp" : def.unit}.`);

  if (report.focus) {
    out.push("", `${report.focus.candidate}: welfare joining vs staying out, for every configuration of the other candidates`);
    const rows = report.focus.rows.map((row) => [
      row.others.length ? row.others.join(", ") : "(none)",
      num(row.joining),
      num(row.stayingOut),
      formatNumber(row.gain, gainDef),
      row.gain > report.indifference ? "join" : row.gain < -report.indifference ? "stay out" : "indifferent",
    ]);
    out.push(textTable(["other members", "joins (%)", "stays out (%)", "gain from joining (pp)", "better"], rows, options));
  }

  out.push("", "Dominant choices:");
  for (const d of report.dominant) out.push(`  ${d.candidate}: ${d.choice === "none" ? "none (depends on the others)" : d.choice}`);

  const show = (mask: number, title: string) => {
    const row = report.sets[mask];
    out.push(`${title} ${setName(row.members)}: ${bloc.leader} ${num(row.leader)}, ${bloc.target} ${num(row.target)}, world ${num(row.world)}; ` + bloc.candidates.map((c) => `${c.code} ${num(row.payoffs[c.code])}`).join(", "));
  };
  out.push("");
  show(0, "Empty bloc");
  show(report.sets.length - 1, "Grand coalition");

  out.push("", `Stable sets (internally and externally stable): ${report.stableSets.length ? report.stableSets.map((m) => setName(report.sets[m].members)).join("; ") : "none"}`);
  const rows = report.sets.length <= 64 ? report.sets : report.sets.filter((r) => r.stable || r.mask === 0 || r.mask === report.sets.length - 1);
  // Stability and payoffs first: on a narrow terminal the last candidates' columns and the deviations are the ones left out.
  const cells = rows.map((row) => [
    setName(row.members) + (row.converged ? "" : " NOT CONVERGED"),
    row.internallyStable ? "yes" : "no",
    row.externallyStable ? "yes" : "no",
    num(row.leader),
    num(row.target),
    ...bloc.candidates.map((c) => num(row.payoffs[c.code])),
    row.wouldLeave.join(" "),
    row.wouldJoin.join(" "),
  ]);
  out.push(rows.length < report.sets.length ? `Payoff table (${rows.length} of ${report.sets.length} sets: the stable ones, the empty bloc and the grand coalition; --format json has all):` : "Payoff table:");
  out.push(textTable(["members", "stable\n(int.)", "stable\n(ext.)", bloc.leader, bloc.target, ...bloc.candidates.map((c) => c.code), "would leave", "would join"], cells, options));
  if (report.notConverged.length) out.push(`WARNING: ${report.notConverged.length} set(s) did not converge: ${report.notConverged.map((m) => setName(report.sets[m].members)).join("; ")}`);
  for (const w of report.warnings) out.push(`warning: ${w}`);
  return out.join("\n") + "\n";
}
