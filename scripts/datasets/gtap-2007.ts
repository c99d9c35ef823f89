import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { DatasetFile } from "../../src/data/format.js";
import { roundSignificant } from "../../src/data/write.js";

/**
 * Builds data/gtap-2007.json: Ossa (2014) "Trade Wars and Trade Talks with Data" data, 7 regions × 33
 * GTAP sectors, 2007 (../shared/data/ossa-2014, spec caliendo-parro-and-ossa.md §2.1). No input–output
 * links: value-added share 1, input shares 0, final-demand shares = Ossa's μ[j,s].
 *
 * trade_ijs.csv and tariff_ijs.csv are (N·S)×N with row i + N·(s−1) = exporter i in sector s and
 * column j = importer j, i.e. exactly the dataset order [(s*N + i)*N + j] when read row by row.
 */
const DIR = "ossa-2014";
/** Ossa's region order (regions.csv) with codes: ISO alpha-3, EU and ROW as documented aggregates. */
const REGIONS: [string, string, string][] = [
  ["Brazil", "BRA", "Brazil"],
  ["China", "CHN", "China"],
  ["EU", "EU", "European Union (EU27, GTAP aggregate)"],
  ["India", "IND", "India"],
  ["Japan", "JPN", "Japan"],
  ["ROW", "ROW", "Rest of the world"],
  ["US", "USA", "United States"],
];
/** What the GTAP aggregates contain that scenario authors look for (GTAP 7 sector definitions). */
const NAME_NOTES: Record<string, string> = { gro: " (incl. corn)", osd: " (incl. soybeans)", nfm: " (non-ferrous, incl. rare-earth metals)" };

function readTable(sharedDataDir: string, file: string, header: boolean): string[][] {
  const path = join(sharedDataDir, DIR, file);
  if (!existsSync(path)) throw new Error(`shared data file missing: ${path}`);
  const rows = parse(readFileSync(path, "utf8"), { skip_empty_lines: true, relax_column_count: true }) as string[][];
  return header ? rows.slice(1) : rows;
}

function numbers(rows: string[][], file: string, columns: number): number[][] {
  return rows.map((row, r) => {
    if (row.length !== columns) throw new Error(`${file}: row ${r + 1} has ${row.length} columns, expected ${columns}`);
    return row.map((cell, c) => {
      const v = Number(cell);
      if (cell.trim() === "" || !Number.isFinite(v)) throw new Error(`${file}: row ${r + 1} column ${c + 1} is not a number (${JSON.stringify(cell)})`);
      return v;
    });
  });
}

export function build(sharedDataDir: string): DatasetFile {
  const regionNames = readTable(sharedDataDir, "regions.csv", true).map((r) => r[1]);
  if (regionNames.join() !== REGIONS.map((r) => r[0]).join()) throw new Error(`regions.csv: unexpected regions ${regionNames.join(", ")}`);
  const codes = readTable(sharedDataDir, "labels.csv", false).map((r) => r[0]);
  const sectorNames = new Map(readTable(sharedDataDir, "sectors.csv", true).map((r) => [r[1], r[2]]));
  const N = REGIONS.length;
  const S = codes.length;
  const trade = numbers(readTable(sharedDataDir, "trade_ijs.csv", false), "trade_ijs.csv", N).flat();
  const tariff = numbers(readTable(sharedDataDir, "tariff_ijs.csv", false), "tariff_ijs.csv", N).flat();
  if (trade.length !== S * N * N || tariff.length !== S * N * N) throw new Error(`trade/tariff tables must be ${S * N}×${N}`);
  const sigma = numbers(readTable(sharedDataDir, "sigma_s.csv", false), "sigma_s.csv", 5);
  const noncooperative = numbers(readTable(sharedDataDir, "tariff_noncoop.csv", false), "tariff_noncoop.csv", N).flat();

  const tariffs: [string, string, string, number][] = [];
  const spending = new Array<number>(N * S).fill(0);
  const sales = new Array<number>(N).fill(0);
  const imports = new Array<number>(N).fill(0);
  const exports = new Array<number>(N).fill(0);
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        const k = (s * N + i) * N + j;
        if (tariff[k] !== 0) tariffs.push([REGIONS[j][1], REGIONS[i][1], codes[s], roundSignificant(tariff[k])]);
        spending[j * S + s] += (1 + tariff[k]) * trade[k];
        sales[i] += trade[k];
        if (i !== j) {
          exports[i] += trade[k];
          imports[j] += trade[k];
        }
      }
  const finalShares = new Array<number>(N * S);
  for (let j = 0; j < N; j++) {
    let total = 0;
    for (let s = 0; s < S; s++) total += spending[j * S + s];
    for (let s = 0; s < S; s++) finalShares[j * S + s] = roundSignificant(spending[j * S + s] / total);
  }
  const column = (c: number) => sigma.map((row) => row[c]);

  return {
    format: "tradewinds-dataset/1",
    meta: {
      name: "gtap-2007",
      title: "Ossa (2014) trade wars data: 7 regions × 33 GTAP sectors, 2007, no input–output links",
      year: 2007,
      units: "millions of current USD (GTAP values; the unit is inferred, spec §2.1)",
      source: "Ossa, R. (2014), Trade Wars and Trade Talks with Data, American Economic Review 104(12); replication files via adamsconchallos/trade @ 17a67ae (trade_ijs.csv, tariff_ijs.csv, sigma_s.csv, tariff_noncoop.csv, labels, regions, sectors)",
      licence: "none stated (academic replication files: attribute)",
      attribution: "Data: Ralph Ossa (2014), replication files of 'Trade Wars and Trade Talks with Data' (AER), built from GTAP 7 (2007); mirrored in adamsconchallos/trade.",
      derivation: [
        `read ../shared/data/${DIR}/{regions,labels,sectors,trade_ijs,tariff_ijs,sigma_s,tariff_noncoop}.csv`,
        "flows[(s*N+i)*N+j] = trade_ijs row (s*N+i), column j: exporter i → importer j, sector s, at exporter prices (net of tariffs), domestic flows on the diagonal",
        "tariff set gtap-2007 (baseline) = tariff_ijs, same layout: rate importer j levies on exporter i (shares)",
        "tradeElasticities θ_s = σ_s − 1 with σ = sigma_s.csv column 1 (Feenstra estimates, Ossa's 'Main'); all five σ columns kept as parameters sigma, sigmaLow, sigmaMedium, sigmaHigh, sigmaConstant",
        "parameters.noncooperativeTariffTargets[s*N+j] = tariff_noncoop.csv (industry s, country j; 0 for BRA, IND, ROW as in the source)",
        "io: value-added shares 1, input shares 0 (no IO), final shares α[j*S+s] = Σ_i (1+t)X_ijs / Σ_{i,s} (1+t)X_ijs (Ossa's μ)",
        "gdp[i] = Σ_{j,s} X_ijs (value added = sales without IO; Ossa's labour income excludes profits X/σ, see notes); deficits = imports − exports",
        "numbers rounded to 12 significant digits",
      ],
      notes: [
        "sector names from sectors.csv; gro, osd and nfm carry what they include (corn, soybeans, rare-earth metals) for scenario authors",
        "Ossa's model (spec Part 2) needs labour income w_jL_j = E_j + NX_j − R_j − Σ_s π_js with profits π = X/σ; derive it from flows, tariffs and parameters.sigma, not from gdp",
      ],
    },
    countries: REGIONS.map(([, code, name]) => ({ code, name })),
    sectors: codes.map((code) => ({ code, name: (sectorNames.get(code) ?? code) + (NAME_NOTES[code] ?? ""), tradable: true })),
    flows: trade.map((v) => roundSignificant(v)),
    tariffs: { "gtap-2007": tariffs },
    baselineTariffs: "gtap-2007",
    covariates: {},
    gdp: sales.map((v) => roundSignificant(v)),
    deficits: imports.map((m, n) => roundSignificant(m - exports[n])),
    tradeElasticities: column(0).map((s) => roundSignificant(s - 1)),
    io: { inputShares: new Array<number>(N * S * S).fill(0), valueAddedShares: new Array<number>(N * S).fill(1), finalShares },
    groups: {},
    parameters: {
      sigma: column(0),
      sigmaLow: column(1),
      sigmaMedium: column(2),
      sigmaHigh: column(3),
      sigmaConstant: column(4),
      noncooperativeTariffTargets: noncooperative,
    },
  };
}
