import Table from "cli-table3";
import { stringify } from "csv-stringify/sync";
import { csvTextCell } from "./csvCell.js";
import { formatNumber } from "./formatNumber.js";
import type { QuantityDefinition, QuantityKey } from "./registry.js";
import { textTable, type TextTableOptions } from "./textTable.js";
import type { PhaseReport, ResultRow, RunReport } from "./types.js";

export type OutputFormat = "table" | "json" | "csv";
export { formatNumber };

export function formatReport(report: RunReport, format: OutputFormat, options: TableOptions = {}): string {
  if (format === "json") return JSON.stringify(report, null, 2) + "\n";
  if (format === "csv") return formatCsv(report);
  return formatTable(report, options);
}

export interface TableOptions extends TextTableOptions {
  /** Show the sector table of this country (multi-sector models). */
  country?: string;
  sectors?: boolean;
}

/** Table style of every text table (cli-table3): a frame and a header rule, no rules between rows. */
export const compact = {
  style: { head: [] as string[], border: [] as string[] },
  chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
};

function header(def: QuantityDefinition): string {
  return `${def.label}\n(${def.unit})`;
}

/** A value cell: the number, or "—" where the phase did not converge (its values are a last iterate, not a result). */
function cell(phase: PhaseReport, value: number | undefined, def: QuantityDefinition): string {
  return phase.status === "not-converged" ? NOT_A_RESULT : formatNumber(value, def);
}
const NOT_A_RESULT = "—";

function summaryTable(report: RunReport, phase: PhaseReport, options: TextTableOptions): string {
  const keys = report.tableKeys;
  const rows = phase.summary.map((row) => [row.members > 1 ? `${row.code} (${row.members})` : `${row.code} ${row.name}`, ...keys.map((k) => cell(phase, row.values[k], report.definitions[k]))]);
  return textTable(["", ...keys.map((k) => header(report.definitions[k]))], rows, options);
}

function formatTable(report: RunReport, options: TableOptions): string {
  const out: string[] = [];
  out.push(`${report.scenario.name} — model ${report.model.type} on ${report.dataset.name} (${report.dataset.title}, ${report.dataset.year || "year not stated"})`);
  for (const phase of report.phases) {
    out.push("");
    const status = phase.converged
      ? `solved: ${phase.solver.method}, ${phase.solver.iterations} iterations, residual ${phase.solver.residual.toExponential(1)}`
      : `NOT CONVERGED (${phase.solver.method}): ${phase.statusNote ?? ""}`;
    out.push(`Phase ${phase.name}${phase.date ? ` (from ${phase.date})` : ""} — ${status}`);
    if (phase.description) out.push(phase.description);
    for (const r of phase.appliedRates ?? []) {
      out.push(`${r.kind === "optimal-tariff" ? "Optimal tariff" : "Optimal retaliation tariff"} (closed form) of ${r.importer} on imports from ${r.exporter}: ${(100 * r.rate).toFixed(2)}%`);
    }
    out.push(summaryTable(report, phase, options));
    const scalars = Object.entries(phase.scalars);
    if (scalars.length) out.push(scalars.map(([key, value]) => `${report.definitions[key].label}: ${formatNumber(value, report.definitions[key])}${report.definitions[key].unit === "%" ? "%" : ""}`).join("; "));
    const totals = phase.bilateral.filter((b) => b.sector === "ALL");
    if (totals.length && phase.status === "solved") {
      const t = new Table({ head: ["exporter → importer", "baseline", "counterfactual", "change (%)"], ...compact });
      for (const b of totals) t.push([`${b.exporter} → ${b.importer}`, b.baseline.toFixed(0), b.counterfactual.toFixed(0), (b.changePct > 0 ? "+" : "") + b.changePct.toFixed(2)]);
      out.push(`Bilateral flows (${report.dataset.units}, factory-gate value):`);
      out.push(t.toString());
    }
    if (phase.status === "solved") for (const code of sectorTableCountries(report, phase, options)) out.push(sectorTable(report, phase, code, options));
    for (const w of phase.solver.warnings) out.push(`warning: ${w}`);
  }
  if (report.phases.length > 1) out.push("", timeline(report, options));
  out.push("", definitionsText(report));
  for (const w of report.warnings) out.push(`warning: ${w}`);
  return out.join("\n") + "\n";
}

/** Whose sector tables to show: `--country`, every report country with `--sectors`, else the first. */
function sectorTableCountries(report: RunReport, phase: PhaseReport, options: TableOptions): string[] {
  if (!phase.sectors || report.sectorTableKeys.length === 0) return [];
  if (options.country) return [options.country];
  const countries = phase.summary.filter((r) => r.members === 1).map((r) => r.code);
  return options.sectors ? countries : countries.slice(0, 1);
}

/** One country's sectors: the model's sector keys, then its exports to each partner the scenario reports. */
function sectorTable(report: RunReport, phase: PhaseReport, code: string, options: TextTableOptions): string {
  const rows = phase.sectors!.filter((r) => r.country === code);
  if (rows.length === 0) return `(no sector results for ${code}: check the code with \`tradewinds datasets\`)`;
  const partners = [...new Set(phase.bilateral.filter((b) => b.exporter === code && b.sector !== "ALL").map((b) => b.importer))];
  const keys = report.sectorTableKeys;
  const head = ["sector", ...keys.map((k) => header(report.definitions[k])), ...partners.map((p) => `Exports to ${p}\n(%)`)];
  const pct = (x: number) => (x > 0 ? "+" : "") + x.toFixed(2);
  const cells = rows.map((row) => {
    const toPartner = partners.map((p) => {
      const b = phase.bilateral.find((x) => x.exporter === code && x.importer === p && x.sector === row.sector);
      return b && b.baseline > 0 ? pct(b.changePct) : "—";
    });
    return [`${row.sector} ${row.sectorName}`, ...keys.map((k) => formatNumber(row.values[k], report.definitions[k])), ...toPartner];
  });
  return `Sectors of ${code}:\n${textTable(head, cells, options)}`;
}

/** The headline quantity of every summary row across phases. */
function timeline(report: RunReport, options: TextTableOptions): string {
  const key = report.tableKeys[0];
  const def = report.definitions[key];
  const rows: ResultRow[] = report.phases[0].summary;
  const cells = rows.map((row, r) => [row.code, ...report.phases.map((p) => cell(p, p.summary[r].values[key], def))]);
  return `Timeline of ${def.label.toLowerCase()}:\n${textTable([`${def.label} (${def.unit})`, ...report.phases.map((p) => p.name + (p.date ? `\n${p.date}` : ""))], cells, options)}`;
}

function definitionsText(report: RunReport): string {
  const lines = ["Definitions:"];
  for (const key of [...report.tableKeys, ...report.sectorTableKeys]) {
    const d = report.definitions[key];
    lines.push(`  ${d.label} (${d.unit}): ${d.formula}; ${d.sign}.`);
  }
  lines.push(`  Groups and WORLD: ${"baseline-expenditure-weighted mean of members"}.`);
  lines.push(`Data: ${report.dataset.attribution}`);
  return lines.join("\n");
}

/**
 * Wide CSV: one row per phase × country (and aggregate), one column per reported key. Text cells
 * (phase, group and country names come from the scenario and the data) are escaped against formula
 * injection; numbers stay numbers.
 */
function formatCsv(report: RunReport): string {
  const keys = [...new Set(report.phases.flatMap((p) => p.countries.flatMap((c) => Object.keys(c.values) as QuantityKey[])))];
  const records: (string | number)[][] = [["phase", "date", "converged", "code", "name", "kind", ...keys]];
  for (const phase of report.phases) {
    const push = (row: ResultRow, kind: string) =>
      // A phase that did not converge has no results: its cells stay empty (converged = false says why).
      records.push([
        csvTextCell(phase.name),
        csvTextCell(phase.date ?? ""),
        String(phase.converged),
        csvTextCell(row.code),
        csvTextCell(row.name),
        kind,
        ...keys.map((k) => (phase.status === "solved" && Object.hasOwn(row.values, k) ? row.values[k] : "")),
      ]);
    for (const row of phase.countries) push(row, "country");
    for (const row of phase.summary) if (row.members > 1) push(row, "aggregate");
  }
  return stringify(records);
}
