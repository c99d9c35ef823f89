import type { Dataset, TariffSetInfo } from "./dataset.js";

/** What `tradewinds datasets <name>` shows: every code a scenario may use, with its label. */
export interface DatasetDescription {
  name: string;
  title: string;
  year: number;
  units: string;
  source: string;
  licence: string;
  attribution: string;
  countries: { code: string; name: string }[];
  groups: { name: string; members: string[] }[];
  sectors: { code: string; name: string }[];
  baselineTariffs?: string;
  tariffSets: ({ name: string; baseline: boolean } & Partial<TariffSetInfo>)[];
  defaultElasticitySet?: string;
  /** ε by sector, in the order of `sectors`. */
  elasticitySets: { name: string; values: number[] }[];
  covariates: string[];
  notes: string[];
}

export function describeDataset(d: Dataset): DatasetDescription {
  const info = (set: string) => (d.tariffSetInfo && Object.hasOwn(d.tariffSetInfo, set) ? d.tariffSetInfo[set] : {});
  return {
    name: d.meta.name,
    title: d.meta.title,
    year: d.meta.year,
    units: d.meta.units,
    source: d.meta.source,
    licence: d.meta.licence,
    attribution: d.meta.attribution,
    countries: d.countries.map((c) => ({ code: c.code, name: c.name })),
    groups: Object.entries(d.groups).map(([name, members]) => ({ name, members })),
    sectors: d.sectors.map((s) => ({ code: s.code, name: s.name })),
    baselineTariffs: d.baselineTariffs,
    tariffSets: Object.keys(d.tariffs).map((name) => ({ name, baseline: name === d.baselineTariffs, ...info(name) })),
    defaultElasticitySet: d.defaultElasticitySet,
    elasticitySets: Object.entries(d.elasticitySets ?? {}).map(([name, values]) => ({ name, values: Array.from(values) })),
    covariates: Object.keys(d.covariates),
    notes: d.meta.notes,
  };
}

/** Plain-text listing: one line per country, group, sector and tariff set; elasticity sets as a sector table. */
export function formatDatasetDescription(x: DatasetDescription): string {
  const lines: string[] = [];
  lines.push(`${x.name}: ${x.title} (${x.year})`, `  units: ${x.units}`, `  source: ${x.source}`, `  licence: ${x.licence}`, `  attribution: ${x.attribution}`, "");
  lines.push(`Countries (${x.countries.length}):`);
  for (const c of x.countries) lines.push(`  ${c.code.padEnd(6)} ${c.name}`);
  lines.push("", `Groups (${x.groups.length}):`);
  for (const g of x.groups) lines.push(`  ${g.name} (${g.members.length}): ${g.members.join(", ")}`);
  if (x.groups.length === 0) lines.push("  none");
  lines.push("", `Sectors (${x.sectors.length}):`);
  const codeWidth = Math.max(...x.sectors.map((s) => s.code.length)) + 2;
  for (const s of x.sectors) lines.push(`  ${s.code.padEnd(codeWidth)}${s.name}`);
  lines.push("", `Tariff sets (${x.tariffSets.length}; baseline: ${x.baselineTariffs ?? "none — zero tariffs"}):`);
  for (const t of x.tariffSets) {
    lines.push(`  ${t.name}${t.baseline ? " (baseline)" : ""}${t.date ? ` — ${t.date}` : ""}`);
    if (t.description) lines.push(`      ${t.description}`);
    if (t.covers) {
      const part = (label: string, codes?: string[]) => (codes ? `${label} ${codes.join(", ")}` : `${label} all`);
      lines.push(`      covers: ${part("importers", t.covers.importers)}; ${part("exporters", t.covers.exporters)}; ${part("sectors", t.covers.sectors)}`);
    }
    if (t.source) lines.push(`      source: ${t.source}`);
  }
  if (x.tariffSets.length === 0) lines.push("  none");
  lines.push("", `Elasticity sets (${x.elasticitySets.length}${x.defaultElasticitySet ? `; default ${x.defaultElasticitySet}` : ""}): trade elasticity ε by sector`);
  if (x.elasticitySets.length) {
    const width = Math.max(8, ...x.elasticitySets.map((e) => e.name.length + 2));
    lines.push("  " + "sector".padEnd(codeWidth) + x.elasticitySets.map((e) => e.name.padStart(width)).join(""));
    x.sectors.forEach((s, k) => lines.push("  " + s.code.padEnd(codeWidth) + x.elasticitySets.map((e) => formatNumber(e.values[k]).padStart(width)).join("")));
  } else lines.push("  none");
  if (x.covariates.length) lines.push("", `Covariates: ${x.covariates.join(", ")}`);
  if (x.notes.length) lines.push("", "Notes:", ...x.notes.map((n) => `  - ${n}`));
  return lines.join("\n") + "\n";
}

function formatNumber(v: number): string {
  return Number(v.toPrecision(5)).toString();
}
