import { message, show, type InputIssue } from "../messages.js";
import type { Dataset } from "./dataset.js";

/** Units must name the currency and its scale, e.g. "thousands of current USD". */
export const UNITS_PATTERN = /^((thousands|millions|billions) of )?(current |constant )?[A-Z]{3}\b/;
/** World GDP over world sales outside [1/10, 10] means GDP and flows are in different units. */
export const UNITS_RATIO_BOUND = 10;
/** Tariff rates are shares between 0 and 10 (1000%), as everywhere in the project (message.rateOutOfRange). */
const MAX_TARIFF_RATE = 10;
/** At most this many issues per array are listed (a damaged array would otherwise list every element). */
const ISSUES_PER_ARRAY = 5;

/**
 * Semantic checks of a dataset held in typed arrays (the binary form, tradewinds-dataset/2): codes
 * unique and known, every array of the right shape, flows finite and non-negative with domestic sales,
 * tariffs within [0, 10], input–output shares finite, elasticities positive, units stated and GDP in the flows'
 * units. One pass over each array: cheap enough to run at every load.
 */
export function checkDataset(d: Dataset, source: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const add = (path: string, value: unknown, msg: string) => issues.push({ source, path, value: value === "" ? "" : show(value), message: msg });
  const N = d.countries.length;
  const S = d.sectors.length;
  const countryCodes = new Set<string>();
  d.countries.forEach((c, k) => {
    if (countryCodes.has(c.code)) add(`countries[${k}].code`, c.code, message.duplicateCode(c.code));
    countryCodes.add(c.code);
  });
  const sectorCodes = new Set<string>();
  d.sectors.forEach((s, k) => {
    if (sectorCodes.has(s.code)) add(`sectors[${k}].code`, s.code, message.duplicateCode(s.code));
    sectorCodes.add(s.code);
  });
  const countryList = [...countryCodes];
  const sectorList = [...sectorCodes];

  const shaped = (path: string, values: Float64Array, expected: number, layout: string): boolean => {
    if (values.length === expected) return true;
    add(path, "", message.shapeMismatch(path, expected, values.length, layout));
    return false;
  };
  /** Reports up to ISSUES_PER_ARRAY elements that fail `ok` (after a fast pass: most arrays have none). */
  const scan = (path: string, values: Float64Array, ok: (v: number) => boolean, describe: (k: number, v: number) => string, bounds?: [number, number]) => {
    if (bounds && allWithin(values, bounds[0], bounds[1])) return;
    let found = 0;
    for (let k = 0; k < values.length && found < ISSUES_PER_ARRAY; k++) {
      const v = values[k];
      if (ok(v)) continue;
      add(`${path}[${k}]`, v, describe(k, v));
      found++;
    }
  };
  const pair = (k: number) => {
    const j = k % N;
    const i = Math.floor(k / N) % N;
    const s = Math.floor(k / (N * N));
    return { exporter: d.countries[i].code, importer: d.countries[j].code, sector: d.sectors[s].code };
  };

  if (shaped("flows", d.flows, S * N * N, "sectors × exporters × importers")) {
    scan("flows", d.flows, (v) => v >= 0 && v < Infinity, (k, v) => {
      const p = pair(k);
      return Number.isFinite(v) ? message.negativeFlow(p.exporter, p.importer, p.sector) : message.nonFiniteValue(`flow ${p.exporter} → ${p.importer}`);
    }, [0, Number.MAX_VALUE]);
    for (let i = 0; i < N; i++) {
      let domestic = 0;
      for (let s = 0; s < S; s++) domestic += d.flows[(s * N + i) * N + i];
      // As in the JSON form (load.ts): with GDP given, a country may carry X_ii = 0 (clipped domestic sales).
      if (!(domestic > 0) && d.gdp === undefined) add(`flows (domestic ${d.countries[i].code})`, domestic, message.missingDomesticFlow(d.countries[i].code));
    }
  }
  for (const [name, rates] of Object.entries(d.tariffs)) {
    if (!shaped(`tariffs.${name}`, rates, S * N * N, "sectors × exporters × importers")) continue;
    scan(`tariffs.${name}`, rates, (v) => v >= 0 && v <= MAX_TARIFF_RATE, (_, v) => message.rateOutOfRange(v), [0, MAX_TARIFF_RATE]);
  }
  if (d.baselineTariffs !== undefined && !Object.hasOwn(d.tariffs, d.baselineTariffs)) {
    add("baselineTariffs", d.baselineTariffs, message.unknownTariffSet(d.baselineTariffs, Object.keys(d.tariffs)));
  }
  for (const [name, info] of Object.entries(d.tariffSetInfo ?? {})) {
    if (!Object.hasOwn(d.tariffs, name)) add(`tariffSets.${name}`, name, message.unknownTariffSet(name, Object.keys(d.tariffs)));
    const covers = info.covers ?? {};
    for (const key of ["importers", "exporters"] as const) {
      covers[key]?.forEach((c, k) => countryCodes.has(c) || add(`tariffSets.${name}.covers.${key}[${k}]`, c, message.unknownCountry(c, countryList, [])));
    }
    covers.sectors?.forEach((c, k) => sectorCodes.has(c) || add(`tariffSets.${name}.covers.sectors[${k}]`, c, message.unknownSector(c, sectorList)));
  }
  for (const [name, values] of Object.entries(d.covariates)) {
    if (shaped(`covariates.${name}`, values, N * N, "exporters × importers")) scan(`covariates.${name}`, values, Number.isFinite, () => message.nonFiniteValue(`covariate ${name}`));
  }
  for (const key of ["gdp", "deficits"] as const) {
    const values = d[key];
    if (values && shaped(key, values, N, "one per country")) scan(key, values, Number.isFinite, (k) => message.nonFiniteValue(`${key} of ${d.countries[k].code}`));
  }
  if (d.population && shaped("population", d.population, N, "one per country")) scan("population", d.population, (x) => Number.isFinite(x) && x > 0, (k) => message.notPositivePopulation(d.countries[k].code));
  if (!UNITS_PATTERN.test(d.meta.units)) add("meta.units", d.meta.units, message.unitsUnclear(d.meta.units));
  if (d.gdp && d.gdp.length === N && d.flows.length === S * N * N) {
    let worldGdp = 0;
    let worldSales = 0;
    for (const x of d.gdp) worldGdp += x;
    for (const x of d.flows) worldSales += x;
    const ratio = worldGdp / worldSales;
    if (!(ratio > 1 / UNITS_RATIO_BOUND && ratio < UNITS_RATIO_BOUND)) add("gdp", ratio, message.unitsMismatch(d.meta.units, ratio));
  }
  if (d.tradeElasticities && shaped("tradeElasticities", d.tradeElasticities, S, "one per sector")) {
    scan("tradeElasticities", d.tradeElasticities, (v) => v > 0 && v < Infinity, (k) => message.elasticityNotPositive("tradeElasticities", d.sectors[k].code));
  }
  for (const [name, values] of Object.entries(d.elasticitySets ?? {})) {
    if (shaped(`elasticitySets.${name}`, values, S, "one per sector")) scan(`elasticitySets.${name}`, values, (v) => v > 0 && v < Infinity, (k) => message.elasticityNotPositive(name, d.sectors[k].code));
  }
  if (d.defaultElasticitySet !== undefined) {
    const sets = d.elasticitySets ?? {};
    if (!Object.hasOwn(sets, d.defaultElasticitySet)) add("defaultElasticitySet", d.defaultElasticitySet, message.unknownElasticitySet(d.defaultElasticitySet, Object.keys(sets)));
    else if (d.tradeElasticities && d.tradeElasticities.some((v, k) => v !== sets[d.defaultElasticitySet!][k])) add("tradeElasticities", "", message.defaultElasticitySetDiffers(d.defaultElasticitySet));
  }
  if (d.io) {
    // Finite only: source tables carry small negative cells (cp-1993 has intermediate shares down to −0.0006).
    const io = d.io;
    if (shaped("io.inputShares", io.inputShares, N * S * S, "country × input sector × using sector")) scan("io.inputShares", io.inputShares, Number.isFinite, () => message.nonFiniteValue("io.inputShares"), [-Number.MAX_VALUE, Number.MAX_VALUE]);
    if (shaped("io.valueAddedShares", io.valueAddedShares, N * S, "country × sector")) scan("io.valueAddedShares", io.valueAddedShares, Number.isFinite, () => message.nonFiniteValue("io.valueAddedShares"));
    if (shaped("io.finalShares", io.finalShares, N * S, "country × sector")) scan("io.finalShares", io.finalShares, Number.isFinite, () => message.nonFiniteValue("io.finalShares"));
  }
  for (const [group, members] of Object.entries(d.groups)) {
    members.forEach((m, k) => countryCodes.has(m) || add(`groups.${group}[${k}]`, m, message.unknownCountry(m, countryList, [])));
  }
  return issues;
}

/** True when every value lies in [min, max] (NaN fails): one tight loop, the common case at load. */
function allWithin(values: Float64Array, min: number, max: number): boolean {
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!(v >= min && v <= max)) return false;
  }
  return true;
}
