import { nullPrototypeRecord, type Dataset, type TariffSetInfo } from "../../src/data/dataset.js";
import { groupsIn } from "./countryGroups.js";
import { ELASTICITY_SETS, readTariffwar, type TariffwarSource } from "./tariffwarSource.js";

/**
 * The datasets derived from ../shared/data/tariffwar (the inputs of Lashkaripour's tariffwar package):
 * icio-2019, icio-2021, icio-2022 (OECD ICIO 2023 edition, 81 economies × 28 sectors) and wiod-2014-16
 * (WIOD 2016 release, 44 × 16). Flows, tariffs, elasticities and GDP are the package's stored inputs,
 * unchanged (the package's run-time steps — the +1 on ICIO domestic flows, balancing trade — belong to
 * the model and are recorded as parameters.domesticFlowPadding).
 */
export const TETI_SET = "teti";
export const PACKAGE = "ahmadlp/tariffwar @ 9863698";

export const TETI_SOURCE =
  "Teti, F. (2024), 30+ Years of Trade Policy: Evidence from 160 Countries, ECARES Working Paper 2024-04 (Global Tariff Database, column tariff of tariff_isic33), as mapped to sectors by the tariffwar package (" + PACKAGE + ")";

export interface TariffwarDatasetSpec {
  name: string;
  tag: "WIOD2014" | "ICIO2019" | "ICIO2021" | "ICIO2022";
  year: number;
  title: string;
  /** Further tariff sets with their information (the dataset's own Teti set comes first). */
  extraTariffSets?: (source: TariffwarSource) => { name: string; rates: Float64Array; info: TariffSetInfo }[];
  /** Extra notes and derivation steps of the extra sets. */
  extraNotes?: string[];
  extraDerivation?: string[];
}

const ICIO_ATTRIBUTION =
  "OECD (2023), Inter-Country Input-Output Tables, 2023 edition (https://www.oecd.org/en/data/datasets/inter-country-input-output-tables.html), OECD terms of use";
const WIOD_ATTRIBUTION =
  "Timmer, M.P., Dietzenbacher, E., Los, B., Stehrer, R. and de Vries, G.J. (2015), An Illustrated User Guide to the World Input-Output Database: the Case of Global Automotive Production, Review of International Economics 23(3), 575–605; WIOD 2016 release (https://doi.org/10.34894/PJ2M1C), CC BY 4.0";
const COMMON_ATTRIBUTION = [
  "Lashkaripour, A. (2021), The Cost of a Global Tariff War: A Sufficient-Statistics Approach, Journal of International Economics 131, 103489; data as bundled with the tariffwar package (" + PACKAGE + ")",
  "Teti, F. (2024), 30+ Years of Trade Policy: Evidence from 160 Countries, ECARES Working Paper 2024-04 (Global Tariff Database)",
  "World Bank (2024), World Development Indicators, NY.GDP.MKTP.KD, CC BY 4.0",
  "Elasticities: Lashkaripour (2021, JIE); Simonovska and Waugh (2014, JIE); Caliendo and Parro (2015, ReStud); Bagwell, Staiger and Yurukoglu (2021, Econometrica); Giri, Yi and Yilmazkuday (2021, JIE); Shapiro (2016, AEJ: Policy); Fontagné, Guimbard and Orefice (2022, JIE); Lashkaripour and Lugovskyy (2023, AER)",
];

/** Mean of the non-zero off-diagonal rates of sector s (services: the last sector). */
function meanOffDiagonal(t: Float64Array, N: number, s: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) {
      if (i === j) continue;
      sum += t[(s * N + i) * N + j];
      count++;
    }
  return sum / count;
}

export function buildTariffwarDataset(sharedDataDir: string, spec: TariffwarDatasetSpec): Dataset {
  const source = readTariffwarCsvChecked(sharedDataDir, spec);
  const { countries, sectors, flows, tariffs } = source;
  const N = countries.length;
  const S = sectors.length;
  const icio = spec.tag.startsWith("ICIO");
  const at = (code: string) => countries.findIndex((c) => c.code === code);
  const sectorAt = (code: string) => sectors.findIndex((s) => s.code === code);
  const foodSector = icio ? "C10T12" : "W03";
  const usFoodOnJapan = tariffs[(sectorAt(foodSector) * N + at("JPN")) * N + at("USA")];
  const servicesMean = meanOffDiagonal(tariffs, N, S - 1);
  const tariffYear = Math.min(spec.year, 2021);

  const tetiInfo: TariffSetInfo = {
    date: String(tariffYear),
    description:
      `Applied tariffs of ${tariffYear} (complete ad valorem rates, importer on exporter): Teti's simple-average applied rates (column tariff) of the 35 ISIC Rev.3 sectors, averaged without weights to the 16 WIOD sectors` +
      (icio ? " and copied to every ICIO sub-sector" : "") +
      "; 0 on the diagonal, for pairs Teti lacks and for every pair involving ROW. The tariffwar package's baseline.",
    source: TETI_SOURCE,
  };
  const extra = spec.extraTariffSets?.(source) ?? [];
  const tariffSets = nullPrototypeRecord<Float64Array>([[TETI_SET, tariffs], ...extra.map((e) => [e.name, e.rates] as const)]);
  const tariffSetInfo = nullPrototypeRecord<TariffSetInfo>([[TETI_SET, tetiInfo], ...extra.map((e) => [e.name, e.info] as const)]);
  const elasticitySets = nullPrototypeRecord(ELASTICITY_SETS.map((name) => [name, source.elasticities.get(name)!.epsilon] as const));
  const { groups, notes: groupNotes } = groupsIn(countries.map((c) => c.code));

  const sourceText = icio
    ? `OECD Inter-Country Input-Output Tables, 2023 edition (extended), year ${spec.year}, as aggregated by the tariffwar package of Lashkaripour (2021), ${PACKAGE} (its files ${spec.tag}_{trade,tariffs,countries,sectors,elasticities})`
    : `World Input-Output Database, 2016 release, year ${spec.year}, as aggregated by the tariffwar package of Lashkaripour (2021), ${PACKAGE} (its files ${spec.tag}_{trade,tariffs,countries,sectors,elasticities})`;
  return {
    meta: {
      name: spec.name,
      title: spec.title,
      year: spec.year,
      units: "millions of current USD (flows); GDP in millions of constant 2015 USD",
      source: sourceText,
      licence: icio
        ? "the tariffwar repository states no licence; underlying sources: OECD ICIO (OECD terms of use, attribute), Teti (2024) tariff database (attribute), WDI (CC BY 4.0) — attribute all"
        : "the tariffwar repository states no licence; underlying sources: WIOD 2016 release (CC BY 4.0), Teti (2024) tariff database (attribute), WDI (CC BY 4.0) — attribute all",
      attribution: [icio ? ICIO_ATTRIBUTION : WIOD_ATTRIBUTION, ...COMMON_ATTRIBUTION].join(". ") + ".",
      derivation: [
        `read ../shared/data/tariffwar/${spec.tag}_{trade,tariffs,countries,sectors,elasticities}.csv.gz (clean CSV exports of the package's mat/${spec.tag}.mat)`,
        `countries (ISO alpha-3, WDI names; ROW last, the package's order) from ${spec.tag}_countries; sectors (codes and labels) from ${spec.tag}_sectors`,
        `flows[(s*N + i)*N + j] = value_usd_million of ${spec.tag}_trade (exporter i, importer j, sector s): intermediate plus final use, USD million at current prices, domestic flows included, unchanged`,
        `tariff set ${TETI_SET} (the baseline) = tariff_rate of ${spec.tag}_tariffs: the rate importer j levies on exporter i, a share, unchanged`,
        `elasticitySets = epsilon of ${spec.tag}_elasticities (ε_s, π ∝ cost^(−ε); the package's σ = ε + 1): ${ELASTICITY_SETS.join(", ")}; default IS`,
        `gdp = gdp_constant2015usd_${spec.year} of ${spec.tag}_countries ÷ 10^6 (WDI NY.GDP.MKTP.KD in millions of constant 2015 USD; ROW = world minus the other economies, as the package computes it)`,
        ...(icio ? ["parameters.domesticFlowPadding = 1: the tariffwar package adds 1 USD million to every domestic flow in every sector before balancing trade (ICIO only); the flows here are stored without it"] : []),
        "groups: EU27, ASEAN, G7, USMCA, CPTPP, RCEP, BRICS restricted to the economies of the dataset (see notes)",
        ...(spec.extraDerivation ?? []),
      ],
      notes: [
        `Tariff data limits (Teti as used by the package): the rates are simple averages of applied rates, averaged again without weights across ISIC sectors, so single lines dominate — the US rate on Japanese ${foodSector} (food, beverages, tobacco) is ${(100 * usFoodOnJapan).toFixed(1)}%, driven by tobacco.`,
        ...(spec.year > 2021 ? [`The ${spec.year} tariffs are those of 2021 (Teti ends in 2021; the package reuses them).`] : []),
        `The 2018–19 US–China tariffs (Section 301 lists and China's retaliation) are not in the Teti rates: the US rate on China equals that on Japan in most sectors.` +
          (extra.some((e) => e.name === "teti-us-china-2019") ? " Tariff set teti-us-china-2019 adds them." : ""),
        "ROW faces and imposes zero tariffs (Teti has no rates for it).",
        `Services (${sectors[S - 1].code}) carry tariffs: Teti's average of ISIC 40, 74, 92, 93 and 99; the mean off-diagonal services rate is ${(100 * servicesMean).toFixed(1)}%.`,
        "Flows are gross (intermediate plus final use), so a country's total spending is its absorption of gross output, not GDP.",
        "Valuation: the source tables are at basic prices, so the flows are read as tariff-exclusive (exporter-price) values, like every other dataset here. The tariffwar package itself treats them as expenditure gross of tariffs; the lashkaripour model follows the package (to reproduce it), every other model reads them at exporter prices.",
        "gdp is WDI GDP in millions of constant 2015 USD (the package converts welfare changes to dollars with it); it is not in the flows' current prices and is not used by the trade models' equilibrium.",
        ...(icio ? ["Services are one aggregate sector SERV (all ICIO sectors D–T); CN1+CN2 are merged into CHN and MX1+MX2 into MEX; negative cells were set to 0 by the package."] : ["WIOD's inventory correction (negative inventory changes set to 0, output recomputed) was applied by the package."]),
        ...groupNotes,
        ...(spec.extraNotes ?? []),
      ],
    },
    countries: countries.map((c) => ({ code: c.code, name: c.name })),
    sectors: sectors.map((s, k) => ({ code: s.code, name: k === S - 1 && icio ? "Services (aggregate): all ICIO sectors D–T" : icio ? s.description : s.label, tradable: true })),
    flows,
    tariffs: tariffSets,
    baselineTariffs: TETI_SET,
    tariffSetInfo,
    covariates: nullPrototypeRecord([]),
    gdp: Float64Array.from(countries, (c) => c.gdpUsd / 1e6),
    elasticitySets,
    defaultElasticitySet: "IS",
    tradeElasticities: Float64Array.from(elasticitySets.IS),
    groups: nullPrototypeRecord(groups),
    parameters: nullPrototypeRecord<number | number[]>(icio ? [["domesticFlowPadding", 1]] : []),
  };
}

function readTariffwarCsvChecked(sharedDataDir: string, spec: TariffwarDatasetSpec): TariffwarSource {
  const source = readTariffwar(sharedDataDir, spec.tag, spec.year);
  const expected = spec.tag === "WIOD2014" ? [44, 16] : [81, 28];
  if (source.countries.length !== expected[0] || source.sectors.length !== expected[1]) {
    throw new Error(`${spec.tag}: ${source.countries.length} × ${source.sectors.length}, expected ${expected[0]} × ${expected[1]}`);
  }
  return source;
}
