import { formatNumber } from "../report/format.js";
import { textTable, type TextTableOptions } from "../report/textTable.js";
import type { ExposureReport } from "./exposureReport.js";

/** Renders an exposure report as text tables (JSON output is the report itself). */
export function formatExposureReport(report: ExposureReport, options: TextTableOptions = {}): string {
  const { view, dataset, definitions: defs } = report;
  // Tables fit the width (report/textTable.ts): rows are collected, then laid out.
  const table = (head: string[]) => {
    const rows: string[][] = [];
    return { push: (row: string[]) => rows.push(row), toString: () => textTable(head, rows, options) };
  };
  const out: string[] = [];
  const states = view.states;
  const focus = view.focus;
  out.push(
    report.scenario
      ? `Supply-chain exposure — scenario "${report.scenario.name}" (model ${report.scenario.model}) on ${dataset.name}`
      : `Supply-chain exposure — dataset ${dataset.name}`,
  );
  out.push(`${dataset.title}`);
  out.push(report.notice);
  if (report.scenario) {
    out.push(`"before" is the model's baseline equilibrium on these data; "after <phase>" is the phase's counterfactual equilibrium; the same accounting is applied to both.`);
  }
  if (report.supplierNote) out.push(report.supplierNote);
  out.push(`Leontief system: ${view.method.description}; ${view.method.rightHandSides} right-hand sides.`);
  view.checks.forEach((c, k) => {
    const gap = Math.abs(c.worldValueAdded - c.worldFinalDemand) / c.worldFinalDemand;
    out.push(
      `Checks (${states[k]}): max |column sum of v·L − 1| = ${c.valueAddedColumnError.toExponential(1)}; world value added ÷ world final demand − 1 = ${gap.toExponential(1)}; ` +
        `L·F vs observed sales: largest gap ${(100 * c.outputGapRelative).toFixed(2)}% of the largest sector's output` +
        (c.outputGapRelative > 0.01 ? " (the data are not an exact input–output equilibrium)" : ""),
    );
  });

  if (focus) {
    const head = (title: string) => [title, ...states];
    const share = (key: string, values: number[]) => values.map((x) => formatNumber(x, defs[key]));

    out.push("", `Value added by origin in ${focus.country}'s final demand (${defs.vaOriginShare.unit}):`);
    const origins = table(head("origin"));
    for (const r of focus.origins) origins.push([r.origin, ...share("vaOriginShare", r.values)]);
    out.push(origins.toString());

    out.push("", `Exposure of ${focus.country}'s sectors to ${focus.supplier} (per unit of the sector's gross output):`);
    const keys = ["directExposure", "totalExposure", "vaContentShare"];
    const sectors = table(head("sector: measure"));
    for (const r of focus.sectors) for (const k of keys) sectors.push([`${r.sector}: ${defs[k].label} (${defs[k].unit})`, ...share(k, r.values[k])]);
    out.push(sectors.toString());

    out.push("", `Chokepoints for ${focus.country}: foreign supplier country-sectors whose loss would remove the largest share of ${focus.country}'s gross output (fixed coefficients, no substitution):`);
    const choke = table(head("supplier sector"));
    for (const r of focus.chokepoints) choke.push([`${r.supplier} ${r.sector}`, ...share("chokepointOutputShare", r.values)]);
    out.push(choke.toString());

    if (focus.importSources.length) {
      out.push("", `Where ${focus.country} buys the selected sectors (${defs.importSourceShare.label.toLowerCase()}):`);
      const sources = table(head("sector, supplier"));
      for (const r of focus.importSources) sources.push([`${r.sector} ${r.supplier}`, ...share("importSourceShare", r.values)]);
      out.push(sources.toString());
    }
  }

  if (report.ge?.length && focus) {
    const countryKeys = Object.keys(report.ge[0].country);
    out.push("", `General-equilibrium result for ${focus.country} (model ${report.scenario?.model}):`);
    const ge = table(["phase", ...countryKeys.map((k) => `${defs[k].label}\n(${defs[k].unit})`)]);
    for (const p of report.ge) ge.push([p.converged ? p.phase : `${p.phase} (NOT CONVERGED)`, ...countryKeys.map((k) => formatNumber(p.country[k], defs[k]))]);
    out.push(ge.toString());
    for (const p of report.ge) out.push(`  ${p.phase}: ${p.description ?? ""} [${p.solver}]`);
    const sectorKeys = [...new Set(report.ge.flatMap((p) => p.sectors.flatMap((s) => Object.keys(s.values))))];
    if (sectorKeys.length) {
      const t = table(["phase", "sector", ...sectorKeys.map((k) => `${defs[k].label}\n(${defs[k].unit})`)]);
      for (const p of report.ge) for (const s of p.sectors) t.push([p.phase, s.sector, ...sectorKeys.map((k) => formatNumber(s.values[k], defs[k]))]);
      out.push(t.toString());
    }
  }

  const tivaRows = focus ? view.tiva.filter((r) => r.code === focus.country || r.code === focus.supplier) : view.tiva;
  const scale = levelScale(view.tiva.flatMap((r) => [...r.values.foreignVaInExports, ...r.values.domesticVaInForeignFinalDemand]));
  out.push("", `Trade in value added (OECD TiVA indicators; levels in ${scale.label} ${dataset.units}):`);
  const tivaKeys = ["foreignVaShareOfExports", "foreignVaInExports", "domesticVaInForeignFinalDemand"];
  const tiva = table(["country: indicator", ...states]);
  for (const r of tivaRows) {
    for (const k of tivaKeys) tiva.push([`${r.code}: ${defs[k].label}`, ...r.values[k].map((x) => (defs[k].unit === "level" ? (x / scale.factor).toFixed(2) : formatNumber(x, defs[k])))]);
  }
  out.push(tiva.toString());

  out.push("", "Definitions:");
  for (const d of Object.values(defs)) out.push(`  ${d.label} (${d.unit}): ${d.formula}; ${d.sign}.`);
  for (const w of view.warnings) out.push(`warning: ${w}`);
  out.push(`Source (${dataset.year} data): ${dataset.attribution}`);
  return out.join("\n") + "\n";
}

function levelScale(values: number[]): { factor: number; label: string } {
  const largest = Math.max(0, ...values.map(Math.abs));
  const steps: [number, string][] = [[1e12, "trillions of"], [1e9, "billions of"], [1e6, "millions of"], [1e3, "thousands of"]];
  for (const [factor, label] of steps) if (largest >= factor) return { factor, label };
  return { factor: 1, label: "" };
}
