import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { nullPrototypeRecord, type Dataset } from "../../src/data/dataset.js";
import { groupsIn } from "./countryGroups.js";
import { calibrateKite, type KiteInputs } from "./kiteCalibration.js";
import { readTariffwarCsv } from "./tariffwarSource.js";

/**
 * Builds data/wiod-2014: the Caliendo–Parro initial conditions of the Kiel KITE model for the WIOD 2016
 * release, year 2014 (../shared/data/wiod-2014-kite: 44 economies × 50 sectors with input–output links),
 * calibrated as KITE's compute_initial_conditions_cp_2015 does (spec kite-cp2015.md §4–5, solved directly:
 * kiteCalibration.ts), so that the Caliendo–Parro model at the factual tariffs reproduces the data.
 *
 * Conventions (spec kite-cp2015.md §1): KITE's trade_elasticity is 1/θ (θ = ε, π ∝ c^(−ε)); tariffs are
 * gross factors 1 + t (goods C01–C22; ROW→ROW goods carry intra-ROW tariffs); expenditure is at buyer
 * prices. Dataset: flows = π·X/τ (factory prices), tariff set factual = τ − 1 (domestic ROW pairs
 * included), io.inputShares = (1 − β)·γ, gdp = calibrated value added, deficits = −TB.
 */
const FOLDER = "wiod-2014-kite";
const TARIFF_SET = "factual";
/** The calibration's linear system must hold to rounding (residuals relative to X and VA). */
const CALIBRATION_TOLERANCE = 1e-11;

/** Labels of C01–C22 (the folder's README: WIOD 2016 release order, each confirmed by the largest exporters). */
const GOODS_LABELS = [
  "Crop and animal production (WIOD A01)", "Forestry and logging (A02)", "Fishing and aquaculture (A03)", "Mining and quarrying (B)",
  "Food products, beverages and tobacco (C10–C12)", "Textiles, wearing apparel and leather (C13–C15)", "Wood and products of wood and cork (C16)",
  "Paper and paper products (C17)", "Printing and reproduction of recorded media (C18)", "Coke and refined petroleum products (C19)",
  "Chemicals and chemical products (C20)", "Basic pharmaceutical products and preparations (C21)", "Rubber and plastic products (C22)",
  "Other non-metallic mineral products (C23)", "Basic metals (C24)", "Fabricated metal products (C25)", "Computer, electronic and optical products (C26)",
  "Electrical equipment (C27)", "Machinery and equipment n.e.c. (C28)", "Motor vehicles, trailers and semi-trailers (C29)", "Other transport equipment (C30)",
  "Furniture; other manufacturing (C31–C32)",
];

function readKite(sharedDataDir: string, file: string): Record<string, string>[] {
  const path = join(sharedDataDir, FOLDER, file);
  if (!existsSync(path)) throw new Error(`shared data file missing: ${path}`);
  return parse(gunzipSync(readFileSync(path)).toString("utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

export function readKiteInputs(sharedDataDir: string): { inputs: KiteInputs; countries: string[]; sectors: string[]; inverseElasticity: Float64Array } {
  const shares = readKite(sharedDataDir, "trade_share.csv.gz");
  const countries = [...new Set(shares.map((r) => r.origin))];
  const sectors = [...new Set(shares.map((r) => r.sector))];
  const N = countries.length;
  const J = sectors.length;
  if (N !== 44 || J !== 50) throw new Error(`trade_share: ${N} countries × ${J} sectors, expected 44 × 50`);
  const country = new Map(countries.map((c, k) => [c, k]));
  const sector = new Map(sectors.map((c, k) => [c, k]));
  const index = (r: Record<string, string>, column: string, map: Map<string, number>, file: string) => {
    const k = map.get(r[column]);
    if (k === undefined) throw new Error(`${file}: unknown ${column} ${JSON.stringify(r[column])}`);
    return k;
  };
  const value = (r: Record<string, string>, file: string) => {
    const v = Number(r.value);
    if (r.value === undefined || r.value === "" || !Number.isFinite(v)) throw new Error(`${file}: value ${JSON.stringify(r.value)} is not a number`);
    return v;
  };
  /** Fills `size` cells, each exactly once, at position(row). */
  const table = (file: string, size: number, position: (r: Record<string, string>) => number, rows = readKite(sharedDataDir, file)) => {
    const out = new Float64Array(size).fill(NaN);
    if (rows.length !== size) throw new Error(`${file}: ${rows.length} rows, expected ${size}`);
    for (const r of rows) {
      const q = position(r);
      if (!Number.isNaN(out[q])) throw new Error(`${file}: a key appears twice`);
      out[q] = value(r, file);
    }
    return out;
  };
  const bilateral = (file: string) => (r: Record<string, string>) => (index(r, "sector", sector, file) * N + index(r, "origin", country, file)) * N + index(r, "destination", country, file);
  const bySector = (file: string, countryColumn: string) => (r: Record<string, string>) => index(r, countryColumn, country, file) * J + index(r, "sector", sector, file);
  const byCountry = (file: string) => (r: Record<string, string>) => index(r, "country", country, file);
  const inputs: KiteInputs = {
    N,
    J,
    tradeShares: table("trade_share.csv.gz", N * N * J, bilateral("trade_share.csv.gz"), shares),
    tariffFactors: table("tariff.csv.gz", N * N * J, bilateral("tariff.csv.gz")),
    intermediateShares: table("intermediate_share.csv.gz", N * J * J, (r) => (index(r, "country", country, "intermediate_share") * J + index(r, "input", sector, "intermediate_share")) * J + index(r, "output", sector, "intermediate_share")),
    factorShares: table("factor_share.csv.gz", N * J, bySector("factor_share", "country")),
    consumptionShares: table("consumption_share.csv.gz", N * J, bySector("consumption_share", "country")),
    valueAdded: table("value_added.csv.gz", N, byCountry("value_added")),
    tradeBalance: table("trade_balance.csv.gz", N, byCountry("trade_balance")),
  };
  const inverseElasticity = table("trade_elasticity.csv.gz", J, (r) => index(r, "sector", sector, "trade_elasticity"));
  return { inputs, countries, sectors, inverseElasticity };
}

export function build(sharedDataDir: string): Dataset {
  const { inputs, countries, sectors, inverseElasticity } = readKiteInputs(sharedDataDir);
  const { N, J } = inputs;
  const calibrated = calibrateKite(inputs);
  if (!(calibrated.marketClearingResidual < CALIBRATION_TOLERANCE && calibrated.tradeBalanceResidual < CALIBRATION_TOLERANCE)) {
    throw new Error(`calibration residuals ${calibrated.marketClearingResidual}, ${calibrated.tradeBalanceResidual} above ${CALIBRATION_TOLERANCE}`);
  }
  const X = calibrated.expenditure;
  const flows = new Float64Array(J * N * N);
  const tariffs = new Float64Array(J * N * N);
  for (let k = 0; k < J; k++)
    for (let i = 0; i < N; i++)
      for (let n = 0; n < N; n++) {
        const q = (k * N + i) * N + n;
        flows[q] = (inputs.tradeShares[q] * X[n * J + k]) / inputs.tariffFactors[q];
        tariffs[q] = inputs.tariffFactors[q] - 1;
      }
  const inputShares = new Float64Array(N * J * J);
  for (let n = 0; n < N; n++)
    for (let j = 0; j < J; j++)
      for (let k = 0; k < J; k++) inputShares[(n * J + j) * J + k] = (1 - inputs.factorShares[n * J + k]) * inputs.intermediateShares[(n * J + j) * J + k];
  const rescaling = Float64Array.from(calibrated.valueAdded, (v, n) => v / inputs.valueAdded[n]);
  const names = new Map(readTariffwarCsv(sharedDataDir, "WIOD2014_countries.csv.gz").map((r) => [r.iso3, r.wdi_name]));
  const { groups, notes: groupNotes } = groupsIn(countries);
  const range = (a: Float64Array) => `${Math.min(...a).toFixed(4)}–${Math.max(...a).toFixed(4)}`;

  return {
    meta: {
      name: "wiod-2014",
      title: "WIOD 2016 release, 2014: 44 economies × 50 sectors with input–output links, the Caliendo–Parro initial conditions of the KITE model, calibrated",
      year: 2014,
      units: "millions of current USD",
      source:
        "Caliendo–Parro initial conditions of the Kiel KITE model (julianhinz/KITE; example data initial_conditions_WIOD_2014.rds of powell001/Kiel_US_TradePolicy @ 205614f), derived from the World Input-Output Database, 2016 release, year 2014",
      licence: "no licence stated for the derived file; WIOD 2016 release: CC BY 4.0 — attribute WIOD and KITE",
      attribution:
        "Timmer, M.P., Dietzenbacher, E., Los, B., Stehrer, R. and de Vries, G.J. (2015), An Illustrated User Guide to the World Input-Output Database: the Case of Global Automotive Production, Review of International Economics 23(3), 575–605 (WIOD 2016 release, CC BY 4.0). Initial conditions: the KITE model (Kiel Institute Trade Policy Evaluation, julianhinz/KITE), as used in powell001/Kiel_US_TradePolicy. Model: Caliendo, L. and Parro, F. (2015), Estimates of the Trade and Welfare Effects of NAFTA, Review of Economic Studies 82(1), 1–44.",
      derivation: [
        "read ../shared/data/wiod-2014-kite/{trade_share,tariff,intermediate_share,factor_share,consumption_share,value_added,trade_balance,trade_elasticity}.csv.gz (spec kite-cp2015.md §1); country and sector order as in the source (alphabetical); country names from the WDI names of ../shared/data/tariffwar/WIOD2014_countries.csv.gz",
        "calibration (KITE's compute_initial_conditions_cp_2015, spec §4–5): π and τ held at the data, the expenditures X solve the linear system of goods-market clearing (E4) and trade balance (E5, Z = 0) with world value added fixed, by dense LU with one step of iterative refinement (scripts/datasets/kiteCalibration.ts); VA* = Σ_k β·Y",
        `calibration residuals: goods-market clearing ${calibrated.marketClearingResidual.toExponential(1)} of X, trade balance ${calibrated.tradeBalanceResidual.toExponential(1)} of VA*; value added rescaled by VA*/VA = ${range(rescaling)} (parameters["kite.valueAddedRescaling"])`,
        "flows[(s*N + i)*N + n] = π[i→n, s]·X[n, s]/τ[i→n, s]: factory-price flows, domestic included",
        `tariff set ${TARIFF_SET} (the baseline) = τ − 1: goods C01–C22 only; ROW→ROW goods carry the intra-ROW tariffs of the source (domestic pairs are never shocked by a scenario)`,
        "io.inputShares[(n*S + j)*S + k] = (1 − β[n,k])·γ[n, j → k] (a share of gross output); io.valueAddedShares = β (factor_share); io.finalShares = α (consumption_share)",
        "gdp = VA* (calibrated value added, the Caliendo–Parro labour income); deficits = −trade_balance (imports − exports, held in levels)",
        "tradeElasticities θ_s = 1 / trade_elasticity (KITE stores the inverse of the trade elasticity)",
      ],
      notes: [
        "Run the Caliendo–Parro model with deficits: held (KITE holds the trade balances in levels with world value added the numeraire); its headline welfare (welfareChangePct, the exact real-income change) is KITE's welfare_change, (I′/I)/P̂.",
        "Equations: the project's Caliendo–Parro solver and KITE's caliendo_parro_2015 (spec kite-cp2015.md §2, E1–E6) solve the same system — input costs E1, price indices E2, shares E3, expenditure E4 with I = ŵ·VA + R − TB, trade flows E5. KITE moves the wage by the trade-balance excess (E6); the project clears the labour market ŵ = Σ β·Y / VA, which is the same condition once E4 holds (Σ over inputs of γ = 1, Σ α = 1). KITE fixes world value added implicitly; the project explicitly (Σ ŵ·VA = Σ VA). Only the iteration differs: KITE's fixed step v = 0.1 and tolerance 1e-4 by default, the project's damped Anderson iteration to 1e-7.",
        "The source file is not an equilibrium (value added differs from Σ β·Y by −3.6% to +4.7%); after the calibration the factual tariffs reproduce the baseline.",
        "Sector codes C01–C50 carry no labels in the source. C01–C22 are the WIOD 2016 goods sectors in release order (confirmed by their largest exporters); C23–C50 are utilities, construction and services in WIOD order with merges the source does not document (34 WIOD sectors in 28 codes).",
        "Tariffs cover goods only (C01–C22); services trade is tariff-free.",
        ...groupNotes,
      ],
    },
    countries: countries.map((code) => ({ code, name: names.get(code) ?? code })),
    sectors: sectors.map((code, k) => ({ code, name: k < GOODS_LABELS.length ? GOODS_LABELS[k] : `Utilities, construction and services: WIOD group ${k - GOODS_LABELS.length + 1} of 28 (merges undocumented)`, tradable: true })),
    flows,
    tariffs: nullPrototypeRecord([[TARIFF_SET, tariffs]]),
    baselineTariffs: TARIFF_SET,
    tariffSetInfo: nullPrototypeRecord([
      [TARIFF_SET, { date: "2014", description: "Factual tariffs of the KITE initial conditions (τ − 1), goods C01–C22; ROW→ROW goods carry intra-ROW tariffs (up to 18%). Complete rates.", source: "KITE initial conditions for WIOD 2014 (powell001/Kiel_US_TradePolicy @ 205614f)" }],
    ]),
    covariates: nullPrototypeRecord([]),
    gdp: calibrated.valueAdded,
    deficits: Float64Array.from(inputs.tradeBalance, (tb) => -tb),
    tradeElasticities: Float64Array.from(inverseElasticity, (v) => 1 / v),
    io: { inputShares, valueAddedShares: inputs.factorShares, finalShares: inputs.consumptionShares },
    groups: nullPrototypeRecord(groups),
    parameters: nullPrototypeRecord<number | number[]>([["kite.valueAddedRescaling", Array.from(rescaling)]]),
  };
}
