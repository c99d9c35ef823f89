import Table from "cli-table3";
import { stringify } from "csv-stringify/sync";
import { csvTextCell } from "./csvCell.js";
import { comparisonTable, instrumentsTable } from "./formatDeals.js";
import { MONEY_TABLE_KEYS, moneyTable } from "./formatMoney.js";
import { formatNumber, rowLabel } from "./formatNumber.js";
import { dollarsOf, formatDollars, type DatasetMoney } from "./money.js";
import type { QuantityDefinition, QuantityKey } from "./registry.js";
import { compact, textTable, type TextTableOptions } from "./textTable.js";

export { compact };
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


/** Result tables print shares as percent, beside the percent columns (JSON and CSV keep the share). */
function header(def: QuantityDefinition): string {
  return `${def.label}\n(${def.unit === "share" || def.unit === "rate" ? "%" : def.unit === "level" && def.amountOf ? "USD" : def.unit})`;
}

function tableNumber(value: number | undefined, def: QuantityDefinition, money?: DatasetMoney): string {
  if (value === undefined) return "";
  if (def.unit === "share") return (100 * value).toFixed(2);
  if (def.unit === "level" && def.amountOf && money) return formatDollars(value * money[def.amountOf].scale, true) + (money[def.amountOf].prices === "current USD" ? "" : ` (${money[def.amountOf].prices})`);
  return formatNumber(value, def);
}

/**
 * A value cell: the number (dollars in readable units, shares in percent), followed by its 5–95% band in
 * brackets when the run has one; "—" where the phase did not converge (its values are a last iterate, not a result).
 */
function cell(phase: PhaseReport, row: ResultRow, key: QuantityKey, def: QuantityDefinition, money?: DatasetMoney): string {
  if (phase.status === "not-converged") return NOT_A_RESULT;
  const band = row.bands && Object.hasOwn(row.bands, key) ? row.bands[key] : undefined;
  const value = tableNumber(row.values[key], def, money);
  return band ? `${value}\n[${tableNumber(band.lower, def, money)}, ${tableNumber(band.upper, def, money)}]` : value;
}
const NOT_A_RESULT = "—";

function summaryTable(report: RunReport, phase: PhaseReport, options: TextTableOptions): string {
  const keys = report.tableKeys;
  const rows = phase.summary.map((row) => [rowLabel(row), ...keys.map((k) => cell(phase, row, k, report.definitions[k], report.dataset.money))]);
  return textTable(["", ...keys.map((k) => header(report.definitions[k]))], rows, options);
}

/** How the bands were made: draws, parameters, quantiles, and every draw left out (never silently). */
export function uncertaintyText(u: NonNullable<RunReport["uncertainty"]>): string {
  const lines = [
    `Uncertainty: ${u.draws} draws (seed ${u.seed}) of ${u.parameters.map(describeParameter).join("; ")}.`,
    `Bands in brackets: ${100 * u.band.lower}th–${100 * u.band.upper}th percentiles over the ${u.converged} draws that converged (quantiles: ${u.quantileMethod}).`,
  ];
  if (u.notConverged.length) lines.push(`NOT CONVERGED: ${u.notConverged.length} draw(s), left out of the bands: ${u.notConverged.join(", ")}.`);
  for (const f of u.failed) lines.push(`FAILED: draw ${f.draw}: ${f.message}`);
  return lines.join("\n");
}

function describeParameter(p: unknown): string {
  const q = p as { parameter: string; distribution: string; cv?: number; sectors?: string; min?: number; max?: number; among?: unknown };
  if (q.distribution === "lognormal") return `${q.parameter} log-normal, mean = point estimate, cv ${q.cv}${q.parameter === "tradeElasticities" ? ` (${q.sectors} across sectors)` : ""}`;
  if (q.distribution === "uniform") return `${q.parameter} uniform on [${q.min}, ${q.max}]`;
  return `${q.parameter} equally likely among ${Array.isArray(q.among) ? q.among.join(", ") : String(q.among)}`;
}

function formatTable(report: RunReport, options: TableOptions): string {
  const out: string[] = [];
  out.push(`${report.scenario.name} — model ${report.model.type} on ${report.dataset.name} (${report.dataset.title}, ${report.dataset.year || "year not stated"})`);
  if (report.uncertainty) out.push(uncertaintyText(report.uncertainty));
  if (report.draw) out.push(`Draw ${report.draw.index} (seed ${report.draw.seed}) of the scenario's uncertain parameters: model parameters ${JSON.stringify(Object.values(report.draw.modelParams)[0])}`);
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
    const relative = comparisonTable(report, phase, formatNumber, options);
    if (relative) out.push(relative);
    const money = moneyTable(report, phase, options);
    if (money) out.push(money);
    const scalars = Object.entries(phase.scalars);
    if (scalars.length) out.push(scalars.map(([key, value]) => `${report.definitions[key].label}: ${tableNumber(value, report.definitions[key], report.dataset.money)}${report.definitions[key].unit === "%" ? "%" : ""}`).join("; "));
    const totals = phase.bilateral.filter((b) => b.sector === "ALL");
    if (totals.length && phase.status === "solved") {
      const t = new Table({ head: ["exporter → importer", "baseline", "counterfactual", "change (%)"], ...compact });
      const scale = report.dataset.money?.flows.scale;
      const amount = (x: number) => (scale === undefined ? x.toFixed(0) : formatDollars(x * scale));
      for (const b of totals) t.push([`${b.exporter} → ${b.importer}`, amount(b.baseline), amount(b.counterfactual), (b.changePct > 0 ? "+" : "") + b.changePct.toFixed(2)]);
      out.push(`Bilateral flows (${scale === undefined ? report.dataset.units : dollarsOf(report.dataset.money!)}, factory-gate value):`);
      out.push(t.toString());
    }
    const instruments = instrumentsTable(report, phase, (value, def) => (value !== undefined && def.unit === "level" && def.amountOf && report.dataset.money ? formatDollars(value * report.dataset.money[def.amountOf].scale) : formatNumber(value, def)), options);
    if (instruments && phase.status === "solved") out.push(instruments);
    if (phase.status === "solved")
      for (const code of sectorTableCountries(report, phase, options)) {
        out.push(sectorTable(report, phase, code, options));
        if (phase.comparison?.sectors && phase.comparison.converged) out.push(sectorTable(report, { ...phase, sectors: phase.comparison.sectors, bilateral: [] }, code, options, `relative to phase ${phase.comparison.phase}`));
      }
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
function sectorTable(report: RunReport, phase: PhaseReport, code: string, options: TextTableOptions, relativeTo?: string): string {
  const chosen = report.tableSectors;
  const rows = phase.sectors!.filter((r) => r.country === code && (!chosen || chosen.includes(r.sector)));
  if (chosen) rows.sort((a, b) => chosen.indexOf(a.sector) - chosen.indexOf(b.sector));
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
    return [`${row.sector} ${row.sectorName}`, ...keys.map((k) => tableNumber(row.values[k], report.definitions[k], report.dataset.money)), ...toPartner];
  });
  return `Sectors of ${code}${relativeTo ? ` ${relativeTo} (changes as ratios, 100·(x_this ⁄ x_other − 1))` : ""}:\n${textTable(head, cells, options)}`;
}

/** The headline quantity of every summary row across phases. */
function timeline(report: RunReport, options: TextTableOptions): string {
  const key = report.tableKeys[0];
  const def = report.definitions[key];
  const rows: ResultRow[] = report.phases[0].summary;
  const cells = rows.map((row, r) => [row.code, ...report.phases.map((p) => cell(p, p.summary[r], key, def, report.dataset.money))]);
  return `Timeline of ${def.label.toLowerCase()}:\n${textTable([`${def.label} (${def.unit})`, ...report.phases.map((p) => p.name + (p.date ? `\n${p.date}` : ""))], cells, options)}`;
}

function definitionsText(report: RunReport): string {
  const lines = ["Definitions:"];
  const instrumentKeys = Object.values(report.definitions).filter((d) => d.level === "instrument").map((d) => d.key);
  const shown = [...report.tableKeys, ...MONEY_TABLE_KEYS.filter((k) => Object.hasOwn(report.definitions, k)), ...report.sectorTableKeys, ...instrumentKeys];
  for (const key of shown) {
    const d = report.definitions[key];
    lines.push(`  ${d.label} (${d.unit}): ${d.formula}; ${d.sign}.${d.model ? ` In ${report.model.type}: ${d.model}.` : ""}`);
  }
  lines.push("  Groups and WORLD: dollar amounts are sums over members; effective tariff rates are weighted by the members' imports (as each definition says); other quantities are baseline-expenditure-weighted means.");
  lines.push(`Data: ${report.dataset.attribution}`);
  return lines.join("\n");
}

/**
 * Wide CSV: one row per phase × country (and aggregate), one column per reported key; with bands, a
 * `<key>_p5` and `<key>_p95` column after each key that has a band in some row (empty where a row has none).
 * Text cells (phase, group and country names come from the scenario and the data) are escaped against
 * formula injection; numbers stay numbers.
 */
function formatCsv(report: RunReport): string {
  const keys = [...new Set(report.phases.flatMap((p) => p.countries.flatMap((c) => Object.keys(c.values) as QuantityKey[])))];
  const banded = new Set(report.phases.flatMap((p) => [...p.countries, ...p.summary].flatMap((r) => Object.keys(r.bands ?? {}))));
  const u = report.uncertainty;
  const suffix = (q: number) => `_p${Math.round(100 * q)}`;
  const columns = keys.flatMap((k) => (banded.has(k) && u ? [k, k + suffix(u.band.lower), k + suffix(u.band.upper)] : [k]));
  // A phase that did not converge has no results: its cells stay empty (converged = false says why).
  const cells = (solved: boolean, row: ResultRow) =>
    keys.flatMap((k) => {
      const value = solved && Object.hasOwn(row.values, k) ? row.values[k] : "";
      if (!(banded.has(k) && u)) return [value];
      const band = row.bands && Object.hasOwn(row.bands, k) ? row.bands[k] : undefined;
      return [value, band?.lower ?? "", band?.upper ?? ""];
    });
  // relativeTo: "baseline" for the phase's own results; for a phase with compareWith, its rows again relative to that phase.
  const records: (string | number)[][] = [["phase", "date", "converged", "code", "name", "kind", "relativeTo", ...columns]];
  for (const phase of report.phases) {
    const push = (row: ResultRow, kind: string, relativeTo: string, converged: boolean, solved: boolean) =>
      records.push([csvTextCell(phase.name), csvTextCell(phase.date ?? ""), String(converged), csvTextCell(row.code), csvTextCell(row.name), kind, csvTextCell(relativeTo), ...cells(solved, row)]);
    const solved = phase.status === "solved";
    for (const row of phase.countries) push(row, "country", "baseline", phase.converged, solved);
    for (const row of phase.summary) if (row.members > 1) push(row, "aggregate", "baseline", phase.converged, solved);
    const comparison = phase.comparison;
    if (comparison) {
      for (const row of comparison.countries) push(row, "country", comparison.phase, comparison.converged, comparison.converged);
      for (const row of comparison.summary) if (row.members > 1) push(row, "aggregate", comparison.phase, comparison.converged, comparison.converged);
    }
  }
  return stringify(records);
}

/** Rows of a query (e.g. `tradewinds sweep --query`) as a text table in the style of every table. */
export function formatRows(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "(no rows)\n";
  const columns = Object.keys(rows[0]);
  const table = new Table({ head: columns, ...compact });
  for (const row of rows) table.push(columns.map((c) => (row[c] === null || row[c] === undefined ? "" : String(row[c]))));
  return table.toString() + "\n";
}
