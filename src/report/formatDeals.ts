import type { InstrumentReport } from "../models/instruments/types.js";
import { rowLabel } from "./formatNumber.js";
import { dollarsOf, formatDollars } from "./money.js";
import type { QuantityDefinition } from "./registry.js";
import { textTable, type TextTableOptions } from "./textTable.js";
import type { PhaseReport, RunReport } from "./types.js";

/**
 * Text tables of the deal instruments and of `compareWith` (issue 11), for report/format.ts. Numbers are
 * formatted by the caller's `formatNumber` so that every table rounds the same way.
 */
type Format = (value: number | undefined, def: QuantityDefinition) => string;

/** "Relative to phase X" under a phase's own summary: the same rows and keys, each by its compare rule. */
export function comparisonTable(report: RunReport, phase: PhaseReport, format: Format, options: TextTableOptions): string | undefined {
  const comparison = phase.comparison;
  if (!comparison) return undefined;
  const keys = report.tableKeys.filter((k) => k !== "instrumentWelfareEffectPct");
  const head = ["", ...keys.map((k) => `${report.definitions[k].label}\n(${unitOf(report.definitions[k])})`)];
  const rows = comparison.summary.map((row) => [
    rowLabel(row),
    ...keys.map((k) => (comparison.converged ? format(row.values[k], report.definitions[k]) : "—")),
  ]);
  const note = comparison.converged ? "" : " — a phase did not converge, so there is no comparison";
  return `Relative to phase ${comparison.phase} (compareWith: changes as 100·(x_this ⁄ x_${comparison.phase} − 1), additive effects as differences in pp)${note}:\n${textTable(head, rows, options)}`;
}

function unitOf(def: QuantityDefinition): string {
  return def.compare === "difference" && def.unit === "%" ? "pp" : def.unit;
}

/** The phase's instruments: status, wedge, target and flows, rent; then diverted purchases and how each is modelled. */
export function instrumentsTable(report: RunReport, phase: PhaseReport, format: Format, options: TextTableOptions): string | undefined {
  const instruments = phase.instruments ?? [];
  if (instruments.length === 0) return undefined;
  const out: string[] = [];
  const targets = instruments.filter((i) => i.kind !== "investment-pledge");
  const units = report.dataset.money ? dollarsOf(report.dataset.money) : report.dataset.units.split(" (")[0];
  const def = (key: string) => report.definitions[key];
  const value = (i: InstrumentReport, key: string) => (Object.hasOwn(i.values, key) ? format(i.values[key], def(key)) : "");
  if (targets.length) {
    const head = ["instrument", "status", "wedge", "target", "baseline", "without targets", "equilibrium", "rent (to)"];
    const rows = targets.map((i) => {
      const rent = Object.hasOwn(i.values, "instrumentRent") ? `${value(i, "instrumentRent")} (${i.rentTo === "importer" ? i.importers.join(", ") : i.exporters.join(", ")})` : "none";
      return [`${i.label}\n${i.kind}`, i.status, `${wedgeName(i)}\n${value(i, "instrumentWedgeRate")}`, value(i, "instrumentTarget"), value(i, "instrumentBaselineFlow"), value(i, "instrumentFlowWithout"), value(i, "instrumentFlow"), rent];
    });
    out.push(`Deal instruments (flows at exporter prices, ${units}; "without targets": this phase with every target's wedge at its lower bound):`, textTable(head, rows, options));
    for (const i of targets) {
      const shown = i.diverted.filter((d) => Math.abs(d.change) >= 0.05);
      const amount = (x: number) => (report.dataset.money ? formatDollars(x * report.dataset.money.flows.scale, true) : `${x > 0 ? "+" : ""}${x.toFixed(1)}`);
      if (shown.length) out.push(`  ${i.label} — purchases by supplier, with − without targets: ${shown.map((d) => `${d.supplier} ${amount(d.change)}`).join(", ")}`);
    }
  }
  const pledges = instruments.filter((i) => i.kind === "investment-pledge");
  if (pledges.length) {
    const head = ["investment pledge", "added output", "host productivity T̂", "investor productivity T̂"];
    const rows = pledges.map((i) => [i.label, value(i, "pledgeValue"), value(i, "pledgeHostProductivity"), value(i, "pledgeInvestorProductivity")]);
    out.push(`Investment pledges (${units} a year, at baseline prices):`, textTable(head, rows, options));
  }
  const effect = report.definitions.instrumentWelfareEffectValue;
  if (targets.length && effect) {
    const rows = [...phase.countries].filter((r) => Object.hasOwn(r.values, "instrumentWelfareEffectValue")).sort((a, b) => Math.abs(b.values.instrumentWelfareEffectValue) - Math.abs(a.values.instrumentWelfareEffectValue));
    const money = (x: number) => (report.dataset.money ? formatDollars(x * report.dataset.money.flows.scale, true) : `${x > 0 ? "+" : ""}${x.toFixed(1)}`);
    const pct = (x: number) => `${x > 0 ? "+" : ""}${x.toFixed(3)}%`;
    out.push(`  ${effect.label} (largest): ${rows.slice(0, 6).map((r) => `${r.code} ${money(r.values.instrumentWelfareEffectValue)} (${pct(r.values.instrumentWelfareEffectPct)})`).join(", ")}`);
  }
  const modelling = [...new Set(instruments.map((i) => `${kindName(i)}: ${i.modelling}`))];
  out.push(...modelling.map((m) => `  ${m}.`));
  return out.join("\n");
}

function wedgeName(i: InstrumentReport): string {
  if (i.kind === "purchase-commitment") return "demand shifter a − 1";
  if (i.kind === "tariff-rate-quota") return "applied tariff";
  return i.rentTo === "exporter" ? "export-tax equivalent" : "tariff-equivalent";
}

function kindName(i: InstrumentReport): string {
  return i.kind === "tariff-rate-quota" ? "tariff-rate quota" : i.kind.replace("-", " ");
}
