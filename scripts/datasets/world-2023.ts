import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { DatasetFile } from "../../src/data/format.js";
import { roundSignificant } from "../../src/data/write.js";
import { fillDomesticSales } from "../../src/models/liberationDay/domesticSales.js";
import { calibrateLocalShares } from "../../src/models/liberationDay/localShares.js";

/**
 * Builds data/world-2023.json: 194 countries, one sector, 2023 goods trade (CEPII BACI) and GDP (WDI)
 * as shipped with the Liberation Day replication (Ignatenko, Macedoni, Lashkaripour & Simonovska 2025),
 * with the domestic sales filled as the paper does (spec one-sector.md §3.1 Steps 1–2) and the
 * April-2 2025 US "reciprocal" tariff schedule (§3.1 Step 3).
 */
const FOLDER = "liberation-day";
const YEAR = 2023;
const LEADER = "USA";
/** §3.1: exactly these two countries have negative implied domestic sales, clipped at 0. */
export const EXPECTED_CLIPPED = ["GMB", "MHL"];
/** §3.1 Step 3: the floor of the April-2 schedule on US imports. */
const RECIPROCAL_FLOOR = 0.1;
export const RECIPROCAL_TARIFF_SET = "us-reciprocal-2025-04-02";
export const NU_PARAMETER = "liberationDay.nu";

/** The paper's 25-country "EU" of main_baseline.m (spec §3.1: CZE and SVK are not in its list). */
const EU25_LD = ["AUT", "BEL", "BGR", "CYP", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GRC", "HRV", "HUN", "IRL", "ITA", "LTU", "LUX", "LVA", "MLT", "NLD", "POL", "PRT", "ROU", "SVN", "SWE"];
const ASEAN = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"];
const GROUPS: Record<string, string[]> = {
  EU27: [...EU25_LD, "CZE", "SVK"].sort(),
  EU25_LD,
  G7: ["CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"],
  USMCA: ["USA", "CAN", "MEX"],
  ASEAN,
  // Original five plus the members admitted 2024 (EGY, ETH, IRN, ARE) and 2025 (IDN); Saudi Arabia has not confirmed membership.
  BRICS: ["BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE", "IDN"],
  // The 11 signatories plus the United Kingdom (member since 15 December 2024).
  CPTPP: ["AUS", "BRN", "CAN", "CHL", "JPN", "MYS", "MEX", "NZL", "PER", "SGP", "VNM", "GBR"],
  RCEP: [...ASEAN, "AUS", "CHN", "JPN", "KOR", "NZL"],
};

function readCsv(path: string): Record<string, string>[] {
  if (!existsSync(path)) throw new Error(`missing source file ${path}`);
  return parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** An empty or NaN cell is 0 (main_baseline.m sets NaN to 0); anything else must be a finite number ≥ 0. */
function cellValue(text: string, where: string): number {
  if (text.trim() === "" || text.trim().toLowerCase() === "nan") return 0;
  const v = Number(text);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${where}: cannot read ${JSON.stringify(text)} as a non-negative number`);
  return v;
}

export function build(sharedDataDir: string): DatasetFile {
  const dir = join(sharedDataDir, FOLDER);
  const labels = readCsv(join(dir, "country_labels.csv"));
  const N = labels.length;
  labels.forEach((row, k) => {
    if (Number(row.iso_code) !== k + 1) throw new Error(`country_labels.csv row ${k + 1}: iso_code ${row.iso_code} out of order`);
  });
  const codes = labels.map((r) => r.iso3);
  const at = new Map(codes.map((c, k) => [c, k]));
  const leader = at.get(LEADER)!;

  const tradeRows = readCsv(join(dir, "trade_cepii.csv"));
  if (tradeRows.length !== N) throw new Error(`trade_cepii.csv has ${tradeRows.length} rows, expected ${N}`);
  const foreign = new Float64Array(N * N);
  tradeRows.forEach((row, i) => {
    const cells = Object.values(row);
    if (cells.length !== N) throw new Error(`trade_cepii.csv row ${i + 1} has ${cells.length} cells, expected ${N}`);
    cells.forEach((text, j) => {
      if (i !== j) foreign[i * N + j] = cellValue(text, `trade_cepii.csv[${i + 1},${j + 1}]`);
    });
  });
  const gdpRows = readCsv(join(dir, "gdp.csv"));
  if (gdpRows.length !== N) throw new Error(`gdp.csv has ${gdpRows.length} rows, expected ${N}`);
  // GDP in USD → thousands of USD, the unit of the flows (main_baseline.m).
  const gdp = Float64Array.from(gdpRows, (r, k) => cellValue(r.gdp, `gdp.csv row ${k + 1}`) / 1000);
  const tariffRows = readCsv(join(dir, "tariffs.csv"));
  if (tariffRows.length !== N) throw new Error(`tariffs.csv has ${tariffRows.length} rows, expected ${N}`);
  const applied = tariffRows.map((r, k) => cellValue(r.applied_tariff, `tariffs.csv row ${k + 1}`));

  const shares = calibrateLocalShares(foreign, gdp, N, leader);
  if (!shares.solver.converged) throw new Error(`ν calibration did not converge: ${shares.solver.warnings.join("; ")}`);
  const nu = Float64Array.from(codes, (_, k) => (k === leader ? shares.leader : shares.others));
  const filled = fillDomesticSales(foreign, gdp, nu, N);
  const clippedCodes = filled.clipped.map((k) => codes[k]);
  if (clippedCodes.join() !== EXPECTED_CLIPPED.join()) {
    throw new Error(`domestic sales clipped at 0 for ${clippedCodes.join(", ")}; the paper clips exactly ${EXPECTED_CLIPPED.join(", ")}`);
  }
  for (const [group, members] of Object.entries(GROUPS)) {
    for (const m of members) if (!at.has(m)) throw new Error(`group ${group}: ${m} is not among the 194 countries`);
  }

  const reciprocal: [string, string, string, number][] = [];
  codes.forEach((code, i) => {
    if (i !== leader) reciprocal.push([LEADER, code, "*", Math.max(RECIPROCAL_FLOOR, applied[i])]);
  });

  return {
    format: "tradewinds-dataset/1",
    meta: {
      name: "world-2023",
      title: "World goods trade 2023: 194 countries, one sector, domestic sales filled as in Liberation Day",
      year: YEAR,
      units: "thousands of current USD",
      source:
        "Ignatenko, Macedoni, Lashkaripour & Simonovska (2025), Making America Great Again: The Economic Impacts of Liberation Day Tariffs (Journal of International Economics), replication data via JoeLoera/liberation-day-replication @ e1f26fd: trade_cepii.csv (CEPII BACI 2023), gdp.csv (World Bank WDI), tariffs.csv, country_labels.csv",
      licence: "data: original authors' terms — BACI: Etalab Open Licence 2.0; WDI: CC BY 4.0 — attribute",
      attribution:
        "Trade: CEPII BACI (Gaulier & Zignago 2010), Etalab 2.0. GDP: World Bank World Development Indicators, CC BY 4.0. Tariff schedule and data assembly: Ignatenko, A., Macedoni, L., Lashkaripour, A. and Simonovska, I. (2025), Making America Great Again: The Economic Impacts of Liberation Day Tariffs, Journal of International Economics.",
      derivation: [
        "country order and names from country_labels.csv (iso_code 1..194)",
        "foreign flows from trade_cepii.csv (row = exporter, column = importer, thousands USD); empty cells and the diagonal = 0",
        "GDP from gdp.csv divided by 1000 (USD → thousands USD)",
        `local shares ν from the two-region (non-US, US) calibration of main_baseline.m solveNu (targets 0.12, 0.26), Levenberg–Marquardt: ν_nonUS = ${shares.others}, ν_US = ${shares.leader}`,
        "domestic sales X_ii = max(0, GDP_i + T_i − imports_i), T_i = (1−ν_i)(imports_i − Σ_k (1−ν_k) X_ik) (spec one-sector.md §3.1 Step 2)",
        `domestic sales clipped at 0 (X_ii = 0): ${clippedCodes.join(", ")}`,
        `tariff set ${RECIPROCAL_TARIFF_SET}: US tariff on each partner i = max(${RECIPROCAL_FLOOR}, tariffs.csv applied_tariff_i); US on itself 0`,
        "values rounded to 12 significant digits",
      ],
      notes: [
        "Baseline tariffs are zero, as the paper assumes (flows are treated as tariff-free).",
        `parameters["${NU_PARAMETER}"] holds ν per country (the two calibrated values).`,
        "gdp holds WDI GDP (thousands USD); the Liberation Day model's output Y is recomputed from flows and ν, not taken from gdp.",
        `${clippedCodes.join(" and ")} have zero domestic sales (all expenditure is imported); models that need X_ii > 0 must reject or adjust them.`,
        "Group EU25_LD is the paper's 25-country EU list (no CZE, SVK), used for its tables; EU27 is the full union.",
      ],
    },
    countries: labels.map((r) => ({ code: r.iso3, name: r.CountryName })),
    sectors: [{ code: "ALL", name: "All goods", tradable: true }],
    flows: Array.from(filled.flows, (v) => roundSignificant(v)),
    tariffs: { [RECIPROCAL_TARIFF_SET]: reciprocal },
    covariates: {},
    gdp: Array.from(gdp, (v) => roundSignificant(v)),
    groups: GROUPS,
    parameters: { [NU_PARAMETER]: Array.from(nu) },
  };
}
