import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";

/**
 * Reader of ../shared/data/tariffwar/ (the inputs of Lashkaripour's tariffwar package, README there):
 * <TAG>_trade, _tariffs, _countries, _sectors, _elasticities (gzip CSV) for TAG = WIOD2014, ICIO2019,
 * ICIO2021, ICIO2022. Arrays come back in the project's index order [(s*N + i)*N + j] (sector s,
 * exporter i, importer j); every cell must appear exactly once.
 */
export const TARIFFWAR_FOLDER = "tariffwar";
/** The eight elasticity sets, in the package's order (spec tariffwar.md §8). */
export const ELASTICITY_SETS = ["IS", "U4", "CP", "BSY", "GYY", "Shap", "FGO", "LL"] as const;

export interface TariffwarSource {
  tag: string;
  year: number;
  countries: { code: string; name: string; gdpUsd: number }[];
  sectors: { code: string; description: string; label: string; wiodParent: number }[];
  /** X[(s*N + i)*N + j], USD million, current prices, domestic flows included. */
  flows: Float64Array;
  /** Teti applied rate importer j levies on exporter i (a share), same order. */
  tariffs: Float64Array;
  /** ε_s of each set, by set name, with the source name the package gives it. */
  elasticities: Map<string, { source: string; epsilon: Float64Array }>;
}

export function readTariffwarCsv(sharedDataDir: string, file: string): Record<string, string>[] {
  const path = join(sharedDataDir, TARIFFWAR_FOLDER, file);
  if (!existsSync(path)) throw new Error(`shared data file missing: ${path}`);
  return parse(gunzipSync(readFileSync(path)).toString("utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

function finite(text: string | undefined, where: string): number {
  const v = Number(text);
  if (text === undefined || text.trim() === "" || !Number.isFinite(v)) throw new Error(`${where}: ${JSON.stringify(text)} is not a finite number`);
  return v;
}

export function readTariffwar(sharedDataDir: string, tag: string, year: number): TariffwarSource {
  const countryRows = readTariffwarCsv(sharedDataDir, `${tag}_countries.csv.gz`);
  const gdpColumn = `gdp_constant2015usd_${year}`;
  const countries = countryRows.map((r, k) => {
    if (Number(r.country_index) !== k + 1) throw new Error(`${tag}_countries: row ${k + 1} has country_index ${r.country_index}`);
    return { code: r.iso3, name: r.wdi_name, gdpUsd: finite(r[gdpColumn], `${tag}_countries ${r.iso3} ${gdpColumn}`) };
  });
  if (countries[countries.length - 1].code !== "ROW") throw new Error(`${tag}_countries: the last country must be ROW (the package's numeraire)`);
  const sectors = readTariffwarCsv(sharedDataDir, `${tag}_sectors.csv.gz`).map((r, k) => {
    if (Number(r.sector_index) !== k + 1) throw new Error(`${tag}_sectors: row ${k + 1} has sector_index ${r.sector_index}`);
    return { code: r.sector_code, description: r.description, label: r.sector_label_in_mat, wiodParent: Number(r.wiod16_parent) };
  });
  const N = countries.length;
  const S = sectors.length;
  const countryAt = new Map(countries.map((c, k) => [c.code, k]));
  const cube = (file: string, column: string): Float64Array => {
    const out = new Float64Array(S * N * N).fill(NaN);
    const rows = readTariffwarCsv(sharedDataDir, file);
    if (rows.length !== S * N * N) throw new Error(`${file}: ${rows.length} rows, expected ${S}·${N}·${N}`);
    for (const r of rows) {
      const i = countryAt.get(r.exporter);
      const j = countryAt.get(r.importer);
      const s = Number(r.sector_index) - 1;
      if (i === undefined || j === undefined || !(s >= 0 && s < S) || sectors[s].code !== r.sector_code) throw new Error(`${file}: unknown key ${r.exporter}, ${r.importer}, ${r.sector_index} ${r.sector_code}`);
      const k = (s * N + i) * N + j;
      if (!Number.isNaN(out[k])) throw new Error(`${file}: ${r.exporter} → ${r.importer} sector ${r.sector_code} appears twice`);
      out[k] = finite(r[column], `${file} ${r.exporter} → ${r.importer} ${r.sector_code}`);
    }
    return out;
  };
  const flows = cube(`${tag}_trade.csv.gz`, "value_usd_million");
  const tariffs = cube(`${tag}_tariffs.csv.gz`, "tariff_rate");

  const elasticities = new Map<string, { source: string; epsilon: Float64Array }>();
  for (const r of readTariffwarCsv(sharedDataDir, `${tag}_elasticities.csv.gz`)) {
    if (!ELASTICITY_SETS.includes(r.elasticity as (typeof ELASTICITY_SETS)[number])) throw new Error(`${tag}_elasticities: unknown set ${r.elasticity}`);
    let set = elasticities.get(r.elasticity);
    if (!set) elasticities.set(r.elasticity, (set = { source: r.source_name, epsilon: new Float64Array(S).fill(NaN) }));
    const s = Number(r.sector_index) - 1;
    if (!(s >= 0 && s < S) || sectors[s].code !== r.sector_code) throw new Error(`${tag}_elasticities: unknown sector ${r.sector_index} ${r.sector_code}`);
    set.epsilon[s] = finite(r.epsilon, `${tag}_elasticities ${r.elasticity} ${r.sector_code}`);
  }
  for (const name of ELASTICITY_SETS) {
    const set = elasticities.get(name);
    if (!set || set.epsilon.some(Number.isNaN)) throw new Error(`${tag}_elasticities: set ${name} is missing or incomplete`);
  }
  return { tag, year, countries, sectors, flows, tariffs, elasticities };
}
