import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TradewindsInputError, message, show, type InputIssue } from "../messages.js";
import { nullPrototypeRecord, type Dataset } from "./dataset.js";
import { datasetFileSchema, recordElementSchemas, type DatasetFile } from "./format.js";
import { ownRecords } from "./ownRecords.js";
import { BINARY_FORMAT } from "./binaryFormat.js";
import { datasetFromBinary } from "./binaryRead.js";
import { UNITS_PATTERN, UNITS_RATIO_BOUND } from "./checkDataset.js";
import { mapToFloat64 } from "../util/typedArrays.js";

/** The folder of embedded datasets: <package root>/data, found from this module's location (src/ or dist/). */
export function embeddedDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "data"))) return join(dir, "data");
    dir = dirname(dir);
  }
  throw new Error("internal: cannot locate the package's data/ folder");
}

/** Names of the embedded datasets. */
export function listEmbeddedDatasets(): string[] {
  return readdirSync(embeddedDataDir())
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}

const cache = new Map<string, Dataset>();

/** Loads an embedded dataset by name (cached: datasets are immutable once loaded); `source` names the file that asked for it in errors. */
export function loadDataset(name: string, source = "scenario"): Dataset {
  const hit = cache.get(name);
  if (hit) return hit;
  const known = listEmbeddedDatasets();
  if (!known.includes(name)) {
    throw new TradewindsInputError([{ source, path: "dataset", value: show(name), message: message.unknownDataset(name, known) }]);
  }
  const data = loadDatasetFile(join(embeddedDataDir(), `${name}.json`));
  cache.set(name, data);
  return data;
}

/**
 * Reads, checks and converts a dataset file: the JSON form (tradewinds-dataset/1, users' own files and
 * `tradewinds import-icio`) or the header of the binary form (tradewinds-dataset/2, the embedded
 * datasets; its chunk files sit beside it). Every problem found is reported with file, field and fix.
 */
export function loadDatasetFile(path: string): Dataset {
  const source = resolve(path);
  if (!existsSync(source)) {
    throw new TradewindsInputError([{ source, path: "", value: "", message: message.datasetFileMissing(source) }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(source, "utf8"));
  } catch (err) {
    throw new TradewindsInputError([{ source, path: "", value: "", message: message.yamlSyntax((err as Error).message) }]);
  }
  if (raw !== null && typeof raw === "object" && (raw as { format?: unknown }).format === BINARY_FORMAT) return datasetFromBinary(raw, dirname(source), source);
  return datasetFromFile(raw, source);
}

/** Validates the parsed JSON of a dataset file and builds the typed-array dataset. */
export function datasetFromFile(raw: unknown, source: string): Dataset {
  const parsed = datasetFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new TradewindsInputError(
      parsed.error.issues.map((i) => ({ source, path: i.path.join("."), value: "", message: i.message })),
    );
  }
  const file = parsed.data;
  const issues = ownRecords(raw as Record<string, unknown>, file, recordElementSchemas, source);
  if (issues.length) throw new TradewindsInputError(issues);
  issues.push(...checkDatasetFile(file, source));
  if (issues.length) throw new TradewindsInputError(issues);
  return toDataset(file);
}


/** Semantic checks that the schema cannot express: shapes, signs, codes, domestic flows. */
export function checkDatasetFile(file: DatasetFile, source: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const N = file.countries.length;
  const S = file.sectors.length;
  const add = (path: string, value: unknown, msg: string) => issues.push({ source, path, value: value === "" ? "" : show(value), message: msg });

  const seen = new Set<string>();
  file.countries.forEach((c, k) => {
    if (seen.has(c.code)) add(`countries[${k}].code`, c.code, message.duplicateCode(c.code));
    seen.add(c.code);
  });
  const sectorCodes = new Set(file.sectors.map((s) => s.code));

  if (file.flows.length !== S * N * N) {
    add("flows", "", message.shapeMismatch("flows", S * N * N, file.flows.length, "sectors × exporters × importers"));
    return issues;
  }
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        const v = file.flows[(s * N + i) * N + j];
        const at = `flows[${(s * N + i) * N + j}]`;
        if (v === null || !Number.isFinite(v)) add(at, v, message.nonFiniteValue(`flow ${file.countries[i].code} → ${file.countries[j].code}`));
        else if (v < 0) add(at, v, message.negativeFlow(file.countries[i].code, file.countries[j].code, file.sectors[s].code));
      }
  for (let i = 0; i < N; i++) {
    let domestic = 0;
    for (let s = 0; s < S; s++) domestic += file.flows[(s * N + i) * N + i] ?? 0;
    // A dataset that gives GDP may carry X_ii = 0 for a country whose implied domestic sales were clipped
    // at zero (world-2023: GMB, MHL, as in Liberation Day §3.1 Step 2); models needing X_ii > 0 check it.
    const clippedWithGdp = domestic === 0 && file.gdp !== undefined;
    if (!(domestic > 0) && !clippedWithGdp) add(`flows (domestic ${file.countries[i].code})`, domestic, message.missingDomesticFlow(file.countries[i].code));
  }
  for (const [name, entries] of Object.entries(file.tariffs)) {
    entries.forEach(([importer, exporter, sector, rate], k) => {
      const at = `tariffs.${name}[${k}]`;
      if (!seen.has(importer)) add(at + "[0]", importer, message.unknownCountry(importer, [...seen], []));
      if (!seen.has(exporter)) add(at + "[1]", exporter, message.unknownCountry(exporter, [...seen], []));
      if (sector !== "*" && !sectorCodes.has(sector)) add(at + "[2]", sector, message.unknownSector(sector, [...sectorCodes]));
      if (!(rate >= 0 && rate <= 10)) add(at + "[3]", rate, message.rateOutOfRange(rate));
    });
  }
  if (file.baselineTariffs !== undefined && !Object.hasOwn(file.tariffs, file.baselineTariffs)) {
    add("baselineTariffs", file.baselineTariffs, message.unknownTariffSet(file.baselineTariffs, Object.keys(file.tariffs)));
  }
  for (const [name, values] of Object.entries(file.covariates)) {
    if (values.length !== N * N) add(`covariates.${name}`, "", message.shapeMismatch(`covariate ${name}`, N * N, values.length, "exporters × importers"));
    values.forEach((v, k) => {
      if (v === null || !Number.isFinite(v)) add(`covariates.${name}[${k}]`, v, message.nonFiniteValue(`covariate ${name}`));
    });
  }
  for (const key of ["gdp", "deficits"] as const) {
    const v = file[key];
    if (v && v.length !== N) add(key, "", message.shapeMismatch(key, N, v.length, "one per country"));
    v?.forEach((x, k) => {
      if (x === null || !Number.isFinite(x)) add(`${key}[${k}]`, x, message.nonFiniteValue(`${key} of ${file.countries[k]?.code}`));
    });
  }
  if (file.population && file.population.length !== N) add("population", "", message.shapeMismatch("population", N, file.population.length, "one per country"));
  file.population?.forEach((x, k) => {
    if (!(Number.isFinite(x) && x > 0)) add(`population[${k}]`, x, message.notPositivePopulation(file.countries[k]?.code ?? String(k)));
  });
  if (!UNITS_PATTERN.test(file.meta.units)) add("meta.units", file.meta.units, message.unitsUnclear(file.meta.units));
  if (file.gdp && file.gdp.length === N) {
    // GDP and flows in different units (USD vs thousands of USD) is the classic silent error: world
    // GDP and world sales (domestic included) are of the same order in any real dataset.
    const worldGdp = file.gdp.reduce<number>((a, x) => a + (x ?? 0), 0);
    const worldSales = file.flows.reduce<number>((a, x) => a + (x ?? 0), 0);
    const ratio = worldGdp / worldSales;
    if (!(ratio > 1 / UNITS_RATIO_BOUND && ratio < UNITS_RATIO_BOUND)) add("gdp", ratio, message.unitsMismatch(file.meta.units, ratio));
  }
  if (file.tradeElasticities && file.tradeElasticities.length !== S) {
    add("tradeElasticities", "", message.shapeMismatch("tradeElasticities", S, file.tradeElasticities.length, "one per sector"));
  }
  checkElasticitySets(file, S, add);
  if (file.io) {
    const { inputShares, valueAddedShares, finalShares } = file.io;
    if (inputShares.length !== N * S * S) add("io.inputShares", "", message.shapeMismatch("io.inputShares", N * S * S, inputShares.length, "country × input sector × using sector"));
    if (valueAddedShares.length !== N * S) add("io.valueAddedShares", "", message.shapeMismatch("io.valueAddedShares", N * S, valueAddedShares.length, "country × sector"));
    if (finalShares.length !== N * S) add("io.finalShares", "", message.shapeMismatch("io.finalShares", N * S, finalShares.length, "country × sector"));
  }
  for (const [group, members] of Object.entries(file.groups)) {
    members.forEach((m, k) => {
      if (!seen.has(m)) add(`groups.${group}[${k}]`, m, message.unknownCountry(m, [...seen], []));
    });
  }
  return issues;
}

/** Elasticity sets: one positive finite ε per sector; the default names a set and agrees with tradeElasticities. */
function checkElasticitySets(file: DatasetFile, S: number, add: (path: string, value: unknown, msg: string) => void): void {
  const sets = file.elasticitySets ?? {};
  for (const [name, values] of Object.entries(sets)) {
    if (values.length !== S) add(`elasticitySets.${name}`, "", message.shapeMismatch(`elasticity set ${name}`, S, values.length, "one per sector"));
    values.forEach((v, k) => {
      if (!(v > 0 && v < Infinity)) add(`elasticitySets.${name}[${k}]`, v, message.elasticityNotPositive(name, file.sectors[k]?.code ?? String(k)));
    });
  }
  const chosen = file.defaultElasticitySet;
  if (chosen === undefined) return;
  if (!Object.hasOwn(sets, chosen)) {
    add("defaultElasticitySet", chosen, message.unknownElasticitySet(chosen, Object.keys(sets)));
    return;
  }
  const values = sets[chosen];
  if (file.tradeElasticities && file.tradeElasticities.some((v, k) => v !== values[k])) {
    add("tradeElasticities", "", message.defaultElasticitySetDiffers(chosen));
  }
}

function toDataset(file: DatasetFile): Dataset {
  const N = file.countries.length;
  const S = file.sectors.length;
  const countryAt = new Map(file.countries.map((c, k) => [c.code, k]));
  const sectorAt = new Map(file.sectors.map((s, k) => [s.code, k]));
  const tariffs = nullPrototypeRecord<Float64Array>([]);
  for (const [name, entries] of Object.entries(file.tariffs)) {
    const t = new Float64Array(S * N * N);
    for (const [importer, exporter, sector, rate] of entries) {
      const i = countryAt.get(exporter)!;
      const j = countryAt.get(importer)!;
      const sectors = sector === "*" ? [...Array(S).keys()] : [sectorAt.get(sector)!];
      for (const s of sectors) t[(s * N + i) * N + j] = rate;
    }
    tariffs[name] = t;
  }
  const f64 = (a: (number | null)[]) => mapToFloat64(a, (x) => x ?? 0);
  const elasticitySets = file.elasticitySets
    ? nullPrototypeRecord(Object.entries(file.elasticitySets).map(([k, v]) => [k, Float64Array.from(v)] as const))
    : undefined;
  const defaultSet = file.defaultElasticitySet !== undefined ? elasticitySets?.[file.defaultElasticitySet] : undefined;
  const tradeElasticities = file.tradeElasticities ? Float64Array.from(file.tradeElasticities) : defaultSet ? Float64Array.from(defaultSet) : undefined;
  return {
    meta: file.meta,
    countries: file.countries,
    sectors: file.sectors,
    flows: f64(file.flows),
    tariffs,
    baselineTariffs: file.baselineTariffs,
    covariates: nullPrototypeRecord(Object.entries(file.covariates).map(([k, v]) => [k, f64(v)] as const)),
    gdp: file.gdp ? f64(file.gdp) : undefined,
    deficits: file.deficits ? f64(file.deficits) : undefined,
    ...(file.population && { population: Float64Array.from(file.population) }),
    tradeElasticities,
    elasticitySets,
    defaultElasticitySet: file.defaultElasticitySet,
    io: file.io
      ? {
          inputShares: Float64Array.from(file.io.inputShares),
          valueAddedShares: Float64Array.from(file.io.valueAddedShares),
          finalShares: Float64Array.from(file.io.finalShares),
        }
      : undefined,
    groups: nullPrototypeRecord(Object.entries(file.groups).map(([k, v]) => [k, [...v]] as const)),
    parameters: nullPrototypeRecord(Object.entries(file.parameters)),
  };
}
