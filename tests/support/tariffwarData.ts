import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import type { Dataset } from "../../src/data/dataset.js";
import { SHARED_DATA } from "./sharedData.js";

/**
 * An in-memory `Dataset` built from the tariffwar package's CSV exports in ../shared/data/tariffwar
 * (README there), with the fields agreed for the embedded datasets (elasticitySets, defaultElasticitySet,
 * parameters.domesticFlowPadding, gdp in millions). Flows are the package's X_jks as stored (USD million,
 * treated by the package as tariff-inclusive), tariffs the Teti rates ("teti", the baseline set).
 * Index order [(s*N + i)*N + j] = sector s, exporter i, importer j; countries in the package's order (ROW last).
 */
export type TariffwarTag = "WIOD2014" | "ICIO2019" | "ICIO2021" | "ICIO2022";

const cache = new Map<TariffwarTag, Dataset>();

function rows(tag: string, what: string): string[][] {
  const path = resolve(SHARED_DATA, "tariffwar", `${tag}_${what}.csv.gz`);
  return parse(gunzipSync(readFileSync(path)), { from_line: 2 }) as string[][];
}

export function tariffwarDataset(tag: TariffwarTag): Dataset {
  const hit = cache.get(tag);
  if (hit) return hit;
  const countryRows = rows(tag, "countries");
  const sectorRows = rows(tag, "sectors");
  const N = countryRows.length;
  const S = sectorRows.length;
  const index = new Map(countryRows.map((r, k) => [r[1], k]));
  const cube = (what: string): Float64Array => {
    const out = new Float64Array(S * N * N);
    for (const [exporter, importer, sector, , value] of rows(tag, what)) {
      const i = index.get(exporter);
      const j = index.get(importer);
      if (i === undefined || j === undefined) throw new Error(`${tag}_${what}: unknown country ${exporter}/${importer}`);
      out[((Number(sector) - 1) * N + i) * N + j] = Number(value);
    }
    return out;
  };
  const elasticitySets: Record<string, Float64Array> = Object.create(null);
  for (const [set, , sector, , epsilon] of rows(tag, "elasticities")) {
    (elasticitySets[set] ??= new Float64Array(S))[Number(sector) - 1] = Number(epsilon);
  }
  const year = Number(tag.slice(-4));
  const isIcio = tag.startsWith("ICIO");
  const data: Dataset = {
    meta: {
      name: `${tag.toLowerCase()}-csv`,
      title: `tariffwar ${tag} (test loader of ../shared/data/tariffwar)`,
      year,
      units: "millions of current USD",
      source: "tariffwar package data (ahmadlp/tariffwar 9863698), CSV export in ../shared/data/tariffwar",
      licence: "none stated",
      attribution: "Lashkaripour (2021); WIOD 2016 / OECD ICIO 2023; Teti GTD; World Bank WDI",
      derivation: ["read the CSV exports unchanged"],
      notes: ["gdp: WDI NY.GDP.MKTP.KD (constant 2015 USD) in millions; ROW = WLD minus the matched countries"],
    },
    countries: countryRows.map((r) => ({ code: r[1], name: r[2] })),
    sectors: sectorRows.map((r) => ({ code: r[1], name: r[3], tradable: true })),
    flows: cube("trade"),
    tariffs: { teti: cube("tariffs") },
    baselineTariffs: "teti",
    covariates: {},
    gdp: Float64Array.from(countryRows, (r) => Number(r[3]) / 1e6),
    tradeElasticities: Float64Array.from(elasticitySets.IS),
    elasticitySets,
    defaultElasticitySet: "IS",
    groups: {},
    parameters: isIcio ? { domesticFlowPadding: 1 } : {},
  };
  cache.set(tag, data);
  return data;
}
