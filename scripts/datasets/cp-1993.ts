import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { DatasetFile } from "../../src/data/format.js";
import { roundSignificant } from "../../src/data/write.js";

/**
 * Builds data/cp-1993.json: Caliendo & Parro (2015) NAFTA data, 31 regions × 40 sectors (20 tradable,
 * 20 non-tradable) with input–output links, from the tidy CSVs of the cp2015 R package
 * (../shared/data/caliendo-parro/tidy, spec caliendo-parro-and-ossa.md §1.2). Parameters follow
 * cp2015:R/prepare_cp2015.R:27-128 (spec §1.4 "computed once from the data"):
 *   γ[n,k,j] = IC[n,k,j] / out[n,j],  β[n,j] = VA[n,j] / out[n,j],  out[n,j] = Σ_k IC[n,k,j] + VA[n,j],
 *   α[n,j] = FC[n,j] / Σ_j FC[n,j],   gdp[n] = wL[n] = Σ_j VA[n,j].
 */
const DIR = "caliendo-parro/tidy";
const PREFIX = "cp2015_nafta__";

/** The package's region names → ISO 3166-1 alpha-3 (ROW: rest of the world). Order = package order, ROW last. */
const REGION_CODES: Record<string, string> = {
  Argentina: "ARG", Australia: "AUS", Austria: "AUT", Brazil: "BRA", Canada: "CAN", Chile: "CHL", China: "CHN",
  Denmark: "DNK", Finland: "FIN", France: "FRA", Germany: "DEU", Greece: "GRC", Hungary: "HUN", India: "IND",
  Indonesia: "IDN", Ireland: "IRL", Italy: "ITA", Japan: "JPN", Korea: "KOR", Mexico: "MEX", Netherlands: "NLD",
  "New Zealand": "NZL", Norway: "NOR", Portugal: "PRT", "South Africa": "ZAF", Spain: "ESP", Sweden: "SWE",
  Turkey: "TUR", UK: "GBR", USA: "USA", Row: "ROW",
};
/** Number of tradable sectors: the first 20 in the package's sector order (spec §1.1). */
const TRADABLE_SECTORS = 20;

type Row = Record<string, string>;

function readCsv(sharedDataDir: string, file: string): Row[] {
  const path = join(sharedDataDir, DIR, PREFIX + file);
  if (!existsSync(path)) throw new Error(`shared data file missing: ${path}`);
  return parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true }) as Row[];
}

function num(row: Row, column: string, file: string): number {
  const value = Number(row[column]);
  if (row[column] === undefined || row[column] === "" || !Number.isFinite(value)) {
    throw new Error(`${file}: column ${column} is not a finite number (got ${JSON.stringify(row[column])})`);
  }
  return value;
}

/** Lower-case hyphenated code from a package sector name ("Machinery n.e.c" → "machinery-nec", "R&D" → "r-and-d"). */
export function sectorCode(name: string): string {
  return name.toLowerCase().replace(/\./g, "").replace(/&/g, "-and-").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export function build(sharedDataDir: string): DatasetFile {
  const regionNames = readCsv(sharedDataDir, "sets_regions.csv").map((r) => r.region);
  const sectorNames = readCsv(sharedDataDir, "sets_sectors.csv").map((r) => r.sector);
  const N = regionNames.length;
  const S = sectorNames.length;
  const regionAt = new Map(regionNames.map((r, k) => [r, k]));
  const sectorAt = new Map(sectorNames.map((s, k) => [s, k]));
  const codes = regionNames.map((r) => {
    const c = REGION_CODES[r];
    if (!c) throw new Error(`sets_regions.csv: region ${JSON.stringify(r)} has no ISO code in scripts/datasets/cp-1993.ts`);
    return c;
  });
  const region = (row: Row, column: string) => {
    const k = regionAt.get(row[column]);
    if (k === undefined) throw new Error(`unknown region ${JSON.stringify(row[column])} in column ${column}`);
    return k;
  };
  const sector = (row: Row, column: string) => {
    const k = sectorAt.get(row[column]);
    if (k === undefined) throw new Error(`unknown sector ${JSON.stringify(row[column])} in column ${column}`);
    return k;
  };

  // Trade flows (net of tariffs) and the two tariff sets, in dataset order [(s*N + i)*N + j].
  const trade = readCsv(sharedDataDir, "trade.csv");
  if (trade.length !== S * N * N) throw new Error(`trade.csv: ${trade.length} rows, expected ${S}·${N}·${N}`);
  const flows = new Array<number>(S * N * N).fill(NaN);
  const tariffs1993: [string, string, string, number][] = [];
  const tariffsNafta: [string, string, string, number][] = [];
  for (const row of trade) {
    const s = sector(row, "sector");
    const i = region(row, "exporter");
    const j = region(row, "importer");
    flows[(s * N + i) * N + j] = roundSignificant(num(row, "value", "trade.csv"));
    const code = sectorCode(sectorNames[s]);
    const base = roundSignificant(num(row, "tariff_bln", "trade.csv"));
    const nafta = roundSignificant(num(row, "tariff_cfl", "trade.csv"));
    if (base !== 0) tariffs1993.push([codes[j], codes[i], code, base]);
    if (nafta !== 0) tariffsNafta.push([codes[j], codes[i], code, nafta]);
  }

  // Input–output block: intermediate consumption IC[n, input k, user j], value added, final demand.
  const intermediate = new Float64Array(N * S * S);
  for (const row of readCsv(sharedDataDir, "intermediate_consumption.csv")) {
    intermediate[(region(row, "region") * S + sector(row, "input")) * S + sector(row, "sector")] = num(row, "value", "intermediate_consumption.csv");
  }
  const valueAdded = new Float64Array(N * S);
  for (const row of readCsv(sharedDataDir, "value_added.csv")) valueAdded[region(row, "region") * S + sector(row, "sector")] = num(row, "value", "value_added.csv");
  const finalDemand = new Float64Array(N * S);
  for (const row of readCsv(sharedDataDir, "final_consumption.csv")) finalDemand[region(row, "region") * S + sector(row, "sector")] = num(row, "value", "final_consumption.csv");

  const inputShares = new Array<number>(N * S * S);
  const valueAddedShares = new Array<number>(N * S);
  const finalShares = new Array<number>(N * S);
  const gdp = new Array<number>(N);
  for (let n = 0; n < N; n++) {
    let finalTotal = 0;
    let labourIncome = 0;
    for (let j = 0; j < S; j++) {
      finalTotal += finalDemand[n * S + j];
      labourIncome += valueAdded[n * S + j];
    }
    gdp[n] = roundSignificant(labourIncome);
    for (let j = 0; j < S; j++) {
      let output = valueAdded[n * S + j];
      for (let k = 0; k < S; k++) output += intermediate[(n * S + k) * S + j];
      if (!(output > 0)) throw new Error(`gross output of ${codes[n]} ${sectorNames[j]} is ${output}; shares undefined`);
      valueAddedShares[n * S + j] = roundSignificant(valueAdded[n * S + j] / output);
      for (let k = 0; k < S; k++) inputShares[(n * S + k) * S + j] = roundSignificant(intermediate[(n * S + k) * S + j] / output);
      finalShares[n * S + j] = roundSignificant(finalDemand[n * S + j] / finalTotal);
    }
  }

  const deficits = new Array<number>(N).fill(NaN);
  for (const row of readCsv(sharedDataDir, "deficit.csv")) deficits[region(row, "region")] = num(row, "D", "deficit.csv");
  const thetaRows = readCsv(sharedDataDir, "theta.csv");
  const theta = new Array<number>(S).fill(NaN);
  for (const row of thetaRows) theta[sector(row, "sector")] = num(row, "value", "theta.csv");

  return {
    format: "tradewinds-dataset/1",
    meta: {
      name: "cp-1993",
      title: "Caliendo & Parro (2015) NAFTA data: 31 regions × 40 sectors with input–output links, 1993",
      year: 1993,
      units: "current USD (not thousands)",
      source:
        "Caliendo, L. and Parro, F. (2015), Estimates of the Trade and Welfare Effects of NAFTA, Review of Economic Studies 82(1); tidy data of the cp2015 R package, paulofelipe/cp2015 @ ecf59b9 (data/cp2015_nafta.rda, built by data-raw/cp2015_nafta.R)",
      licence: "MIT (cp2015 package)",
      attribution:
        "Data: Lorenzo Caliendo and Fernando Parro (2015), replication files of 'Estimates of the Trade and Welfare Effects of NAFTA' (Review of Economic Studies); tidy form by Paulo Felipe Alencar de Oliveira, cp2015 R package (MIT).",
      derivation: [
        `read ../shared/data/${DIR}/${PREFIX}{sets_regions,sets_sectors,trade,intermediate_consumption,value_added,final_consumption,deficit,theta}.csv`,
        "regions in the package order (ROW last, the numeraire region of the package), mapped to ISO alpha-3 codes",
        "flows[(s*N+i)*N+j] = trade.value (net of tariffs, USD) for sector s, exporter i, importer j; domestic flows included; non-tradable sectors have only domestic flows",
        "tariff set tariffs-1993 = trade.tariff_bln (= 1993 tariffs, shares); tariff set nafta-2005 = trade.tariff_cfl (1993 tariffs except CAN/MEX/USA pairs at their 2005 rates)",
        "io.inputShares γ[(n*S+k)*S+j] = IC[n,k,j]/out[n,j], io.valueAddedShares β = VA/out, out = Σ_k IC + VA (cp2015:R/prepare_cp2015.R)",
        "io.finalShares α[n*S+j] = FC[n,j]/Σ_j FC[n,j]",
        "gdp[n] = Σ_j VA[n,j] (the model's base labour income wL); deficits[n] = deficit.D (imports − exports, USD), joined by region name",
        "tradeElasticities = theta.csv (θ_j; non-tradables 8.22 as in the package)",
        "numbers rounded to 12 significant digits",
      ],
      notes: [
        "tradable sectors are the first 20; non-tradables carry domestic flows only and zero tariffs",
        "γ is a share of gross output (= CP's (1 − β)·γ^{k,j}); Σ_k γ[n,k,j] + β[n,j] = 1",
      ],
    },
    countries: regionNames.map((r, k) => ({ code: codes[k], name: r === "Row" ? "Rest of the world" : r === "UK" ? "United Kingdom" : r === "USA" ? "United States" : r })),
    sectors: sectorNames.map((s, k) => ({ code: sectorCode(s), name: s, tradable: k < TRADABLE_SECTORS })),
    flows,
    tariffs: { "tariffs-1993": tariffs1993, "nafta-2005": tariffsNafta },
    baselineTariffs: "tariffs-1993",
    covariates: {},
    gdp,
    deficits,
    tradeElasticities: theta,
    io: { inputShares, valueAddedShares, finalShares },
    groups: { NAFTA: ["CAN", "MEX", "USA"] },
    parameters: {},
  };
}
