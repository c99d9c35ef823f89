import Table from "cli-table3";
import { compact, formatNumber } from "../report/format.js";
import type { TariffWarReport } from "./tariffWar.js";

/** `tradewinds tariff-war` as text tables: optimal tariffs (Ossa Table 3 columns), then the Nash tariffs (Table 4). */
export function formatTariffWar(report: TariffWarReport): string {
  const defs = report.definitions;
  const out: string[] = [];
  const head = (key: string) => `${defs[key].label}\n(${defs[key].unit === "rate" ? "%" : defs[key].unit})`;
  out.push(`Tariff war in Ossa's (2014) model on ${report.dataset.name} (${report.dataset.year}), σ set "${report.sigma}", no political economy (λ = 1), balanced trade`);
  out.push(report.dataset.title);
  out.push(...report.notes);

  out.push("", "Optimal tariffs: each country alone chooses the tariffs that maximise its welfare, everyone else at factual tariffs");
  const { start, gradientTolerance, tariffTolerance } = report.search;
  out.push(
    `Search: from the ${start} start, quasi-Newton on welfare to a projected gradient of ${gradientTolerance}` +
      (tariffTolerance === null ? " (tariffs converged only as far as welfare says: no Newton stage)" : `, then Newton on the tariffs until no tariff moves by more than ${tariffTolerance} (|Δt|)`),
  );
  const optimalKeys = ["optimalTariffWelfarePct", "optimalTariffOthersWelfarePct", "medianOptimalTariff"] as const;
  const table = new Table({ head: ["country", ...optimalKeys.map(head), "search"], ...compact });
  for (const row of report.optimal.rows) {
    const newton = row.tariffSteps === null ? "" : ` + ${row.tariffSteps} Newton, |Δt| ${row.tariffChange!.toExponential(0)}`;
    table.push([row.code, ...optimalKeys.map((k) => formatNumber(row.values[k], defs[k])), `${row.converged ? "converged" : "NOT CONVERGED"}, ${row.iterations} it.${newton}`]);
  }
  const average = report.optimal.average;
  if (average) table.push(["average", ...optimalKeys.map((k) => formatNumber(average[k], defs[k])), ""]);
  out.push(table.toString());

  if (report.nash) {
    const nash = report.nash;
    out.push("", `Nash tariffs: simultaneous best responses from the optimal tariffs, ${nash.converged ? "converged" : "NOT CONVERGED"} after ${nash.rounds} round(s) (stop when |mean change| ≤ ${nash.tolerance})`);
    const nashKeys = ["nashWelfarePct", "medianNashTariff"] as const;
    const t = new Table({ head: ["country", ...nashKeys.map(head)], ...compact });
    for (const row of nash.rows) t.push([row.code, ...nashKeys.map((k) => formatNumber(row.values[k], defs[k]))]);
    t.push(["average", ...nashKeys.map((k) => formatNumber(nash.average[k], defs[k]))]);
    out.push(t.toString());
    out.push(`Best-response path (|mean change| / max change of all tariffs per round): ${nash.path.map((r) => `${r.meanChange.toExponential(1)} / ${r.maxChange.toExponential(1)}`).join(" → ")}`);
  }

  out.push("", "Definitions:");
  for (const def of Object.values(defs)) out.push(`  ${def.label} (${def.unit}): ${def.formula}; ${def.sign}.`);
  for (const w of report.warnings) out.push(`warning: ${w}`);
  return out.join("\n") + "\n";
}
