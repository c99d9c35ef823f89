import Table from "cli-table3";
import { compact, formatNumber } from "../report/format.js";
import type { QuantityDefinition } from "../report/registry.js";
import type { LashkaripourWarReport, SolveSummary } from "./lashkaripourTariffWar.js";

const status = (s: SolveSummary) =>
  s.converged
    ? `converged (${s.method}, ${s.iterations} iterations, max|F| ${s.residual.toExponential(1)})`
    : `NOT CONVERGED (${s.method}, ${s.iterations} iterations, max|F| ${s.residual.toExponential(2)} > ${s.tolerance.toExponential(1)}) — treat these numbers as unreliable`;

/** Millions with a thousands separator, one decimal (tables only; JSON keeps full precision). */
const dollars = (x: number | undefined) => (x === undefined ? "" : x.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 }));

/** `tradewinds tariff-war` for the Lashkaripour (2021) model: the Nash war table, its summary, optional optimal tariffs. */
export function formatLashkaripourWar(report: LashkaripourWarReport): string {
  const defs = report.definitions;
  const head = (key: string, unit?: string) => `${defs[key].label}\n(${unit ?? (defs[key].unit === "rate" ? "%" : defs[key].unit)})`;
  const value = (key: string, x: number | undefined) => (x === undefined ? "" : defs[key].unit === "level" ? dollars(x) : formatNumber(x, defs[key]));
  const hasDollars = "welfareChangeUsd" in defs;
  const out: string[] = [];
  out.push(`Global tariff war in Lashkaripour's (2021) model on ${report.dataset.name} (${report.dataset.year}), elasticities ${report.elasticities}: every country sets its Nash tariff (uniform across partners and sectors); welfare relative to the balanced-trade baseline`);
  out.push(report.dataset.title);
  out.push(`Balanced baseline: ${status(report.balance)}`);
  out.push(`Nash equilibrium: ${status(report.nash.solver)}`);

  const keys = ["welfareChangePct", "nashTariffRate", ...(hasDollars ? ["welfareChangeUsd"] : [])];
  const table = new Table({ head: ["country", ...keys.map((k) => head(k, k === "welfareChangeUsd" ? report.dataset.gdpUnits : undefined))], ...compact });
  for (const row of report.nash.rows) table.push([row.code, ...keys.map((k) => value(k, row.values[k as keyof typeof row.values]))]);
  out.push(table.toString());
  const s = report.nash.summary;
  const line = (key: string, x: number | undefined) => (x === undefined ? [] : [`${defs[key].label}: ${value(key, x)}${defs[key].unit === "%" ? "%" : defs[key].unit === "level" ? ` (${report.dataset.gdpUnits})` : ""}`]);
  out.push(
    [
      ...line("meanWelfareChangePct", s.meanWelfareChangePct),
      ...line("medianWelfareChangePct", s.medianWelfareChangePct),
      ...line("meanNashTariffRate", s.meanNashTariffRate),
      ...line("worldWelfareChangeUsd", s.worldWelfareChangeUsd),
    ].join("; "),
  );

  if (report.optimal.length) {
    out.push("", "Optimal tariffs: each country alone sets its optimal uniform tariff, everyone else at applied tariffs");
    const optimalKeys = ["optimalTariffRate", "optimalTariffWelfarePct", "optimalTariffOthersWelfarePct"] as const;
    const t = new Table({ head: ["country", ...optimalKeys.map((k) => head(k)), "solve"], ...compact });
    for (const row of report.optimal) t.push([row.code, ...optimalKeys.map((k) => formatNumber(row.values[k], defs[k])), row.converged ? "converged" : "NOT CONVERGED"]);
    out.push(t.toString());
  }

  out.push("", "Definitions:");
  for (const def of Object.values(defs) as QuantityDefinition[]) out.push(`  ${def.label} (${def.unit}): ${def.formula}; ${def.sign}.`);
  for (const w of report.warnings) out.push(`warning: ${w}`);
  return out.join("\n") + "\n";
}
