/**
 * The message catalog: every user-facing error and warning text in one place, as functions of
 * their context. Tests assert against these functions, never against copied strings.
 * (Vega-Lite's src/log/message.ts is the model.)
 */

/** A problem with the user's input: names where (file and field path), the value, and the fix. */
export interface InputIssue {
  /** The file or source, e.g. "examples/japan-2025.yaml" or "dataset world-2023". */
  source: string;
  /** Field path, e.g. "phases[1].shocks[0].rate". */
  path: string;
  /** The offending value as the user wrote it (already stringified). */
  value: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/** Thrown for bad input; carries every issue found, not only the first. */
export class TradewindsInputError extends Error {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "TradewindsInputError";
    this.issues = issues;
  }
}

export function formatIssue(issue: InputIssue): string {
  const where = issue.path ? `${issue.source}: ${issue.path}` : issue.source;
  return `${where}: ${issue.message}` + (issue.value !== "" ? ` (got ${issue.value})` : "");
}

/** Shows a value compactly for an error message. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "nothing";
  // JSON.stringify writes NaN and ±Infinity as null; YAML's .nan/.inf must be shown as what they are.
  if (typeof value === "number" && !Number.isFinite(value)) return Number.isNaN(value) ? "NaN (.nan)" : value > 0 ? "Infinity (.inf)" : "-Infinity (-.inf)";
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // Nesting deeper than the stack (a hostile request body) or a cycle: say what it is instead.
    return Array.isArray(value) ? "[…]" : "{…}";
  }
  return text === undefined ? String(value) : text.length > 80 ? text.slice(0, 77) + "..." : text;
}

export const message = {
  // ---- comparing two runs (report/compare.ts) ------------------------------------------------------
  comparePhaseUnmatched: (phase: string, side: "A" | "B", other: string[]) =>
    `phase ${show(phase)} of run ${side} has no phase of that name in run ${side === "A" ? "B" : "A"} (${other.length ? other.map((p) => show(p)).join(", ") : "none"}); it is shown against nothing`,
  comparePairedByPosition: () => "no phase names match between the two runs; phases are paired by position (1st with 1st, …)",
  // ---- datasets -------------------------------------------------------------------------------
  unknownDataset: (name: string, known: string[]) =>
    `unknown dataset ${show(name)}; choose one of ${known.join(", ")} (see \`tradewinds datasets\`)`,
  datasetFileMissing: (path: string) =>
    `dataset file ${path} does not exist; run \`npm run build:data\` to derive the embedded datasets`,
  negativeFlow: (exporter: string, importer: string, sector: string) =>
    `flow ${exporter} → ${importer} (sector ${sector}) is negative; trade flows must be ≥ 0 — fix the source value`,
  nonFiniteValue: (what: string) => `${what} must be a finite number; replace the empty/NaN entry with a value`,
  missingDomesticFlow: (country: string) =>
    `domestic sales of ${country} are missing or zero in every sector; structural gravity needs X_ii > 0 — fill domestic sales (output − exports) or drop the country`,
  shapeMismatch: (what: string, expected: number, got: number, layout: string) =>
    `${what} has ${got} entries but ${expected} are needed (${layout}); regenerate the file with the right dimensions`,
  unknownCountry: (code: string, known: string[], groups: string[]) =>
    `unknown country or group ${show(code)}; use a country code of the dataset (${known.join(", ")})` +
    (groups.length ? ` or a group (${groups.join(", ")})` : ""),
  unknownSector: (code: string, known: string[]) => `unknown sector ${show(code)}; the dataset's sectors are ${known.join(", ")}`,
  unknownTariffSet: (name: string, known: string[]) =>
    `unknown tariff set ${show(name)}; the dataset defines ${known.length ? known.join(", ") : "none"}`,
  unknownElasticitySet: (name: string, known: string[]) =>
    `unknown elasticity set ${show(name)}; the dataset defines ${known.length ? known.join(", ") : "none"}`,
  elasticityNotPositive: (set: string, sector: string) =>
    `the trade elasticity of sector ${sector} in set ${show(set)} must be a positive finite number`,
  defaultElasticitySetDiffers: (set: string) =>
    `tradeElasticities differ from the default elasticity set ${show(set)}; they must hold the same values (or leave tradeElasticities out)`,
  datasetDamaged: (file: string, what: string) =>
    `${what} in ${file} does not match the checksum in its header: the file is damaged or was edited; restore it (git checkout data/) or rebuild it with \`npm run build:data\``,
  datasetChunkMissing: (file: string) =>
    `the dataset's array file ${file} is missing; restore it (git checkout data/) or rebuild it with \`npm run build:data\``,
  unknownCovariate: (name: string, known: string[]) =>
    `unknown gravity covariate ${show(name)}; the dataset has ${known.length ? known.join(", ") : "none"}`,
  duplicateCode: (code: string) => `code ${show(code)} appears twice; codes must be unique`,
  unitsMismatch: (units: string, ratio: number) =>
    `world GDP is ${ratio.toPrecision(3)} times world sales: GDP and flows are in different units; convert gdp to the flows' units (${units})`,
  unitsUnclear: (units: string) =>
    `units ${show(units)} do not say the currency and scale; write e.g. "thousands of current USD" or "millions of current USD"`,

  // ---- dataset files: a scenario's dataset: path, `tradewinds import` --------------------------------
  datasetPathDenied: (known: string[]) =>
    `a dataset file is not accepted here (the HTTP API, and the library unless RunOptions.files names a folder, reads no files); name an embedded dataset: ${known.join(", ")}`,
  datasetFileType: () =>
    `is not a dataset file Tradewinds reads; name a long-format flows table (.csv, .csv.gz or .parquet: columns exporter, importer, value, optional sector, tariff, year and numeric pair covariates), a dataset manifest (.yaml: flows, countries, units) or a dataset JSON file (.json, as \`tradewinds import\` writes)`,
  datasetFileNeedsAsync: () =>
    `a flows table (CSV, Parquet, or a manifest naming one) is read through DuckDB, which is asynchronous: call runScenarioAsync (the CLI does), or read it with loadScenarioDataset and pass it as RunOptions.dataset`,
  datasetFileNotDataset: () =>
    `is not a Tradewinds dataset file (JSON with "format": "tradewinds-dataset/1"; the file's content is not shown here); write one with \`tradewinds import\``,
  datasetUnitsAssumed: (file: string) =>
    `dataset ${file}: a flows file states no units, so its values are read as current USD (only money figures depend on it); to state them, import it: \`tradewinds import csv ${file} --units "millions of current USD" --out <name>.json\``,
  flowColumnMissing: (column: string) =>
    `the flows table has no column ${show(column)}; it needs columns exporter, importer and value (optional: sector, tariff, year, and numeric pair covariates) — rename its columns so`,
  flowColumnNotNumeric: (column: string) => `column ${show(column)} must hold numbers only; fix the entries that are not numbers`,
  flowExtraTextColumn: (position: number, name: string | undefined) =>
    `column ${position}${name !== undefined ? ` (${show(name)})` : ""} holds text but is none of exporter, importer, sector; the other columns of a flows table are numeric pair covariates — remove it or make it numeric`,
  flowCellMissing: (column: string) => `${column} is empty; write a value (0 for no trade) or remove the row`,
  flowNegative: () => `the value is negative; trade flows must be ≥ 0 — fix the value or remove the row`,
  flowNotFinite: (column: string) => `${column} is not a finite number; write a number`,
  flowDuplicate: (first: string) =>
    `this row repeats the exporter, importer (and sector) of ${first}; give each flow once — add the two up into one row or remove one`,
  flowTariffOnDomestic: () => `a country's sales to itself carry no tariff; set tariff to 0 where exporter and importer are the same`,
  flowTariffRange: () => `the tariff must be a share between 0 and 10 (0.25 for 25%); check the units`,
  flowReservedCode: () => `"all" cannot be a country code (scenarios read it as every country); rename that country`,
  flowNotSquare: (country: string, role: "exporter" | "importer") =>
    `${country} appears only as ${role === "exporter" ? "an exporter" : "an importer"}, so the table is not square (every country must be both, at least through its domestic sales); add its ${role === "exporter" ? "imports" : "exports"} and domestic sales, or remove the country`,
  flowDomesticMissing: (country: string) =>
    `${country} has no domestic flow (a row with exporter and importer both ${country} and value > 0); add its domestic sales (gross output − exports), or fill them by a stated rule: \`tradewinds import csv <file> --countries <table with gdp> --domestic gdp-minus-imports\``,
  flowCovariateVaries: (column: string, first: string) =>
    `covariate ${show(column)} differs from its value for the same pair at ${first}; a pair covariate has one value for all sectors — make them equal`,
  flowCovariatePairMissing: (pair: string, column: string) =>
    `the pair ${pair} has no row, so covariate ${show(column)} has no value for it; add a row for the pair (value 0) with its covariates`,
  flowYearVaries: () => `the year column holds more than one year; a dataset is one year — keep the rows of one year`,
  flowTooLarge: (countries: number, sectors: number, limit: number) =>
    `${countries} countries × ${countries} × ${sectors} sector(s) = ${(countries * countries * sectors).toLocaleString("en-US")} cells, above the limit of ${limit.toLocaleString("en-US")} cells of a dataset file; aggregate countries or sectors`,
  domesticRuleNeedsGdp: (rule: string) =>
    `--domestic ${rule} fills domestic sales from GDP; give a countries table with a gdp column (--countries <file>: columns country, gdp, in the flows' units)`,
  domesticRuleNeedsOneSector: (rule: string, sectors: number) =>
    `--domestic ${rule} fills one domestic flow per country, but the table has ${sectors} sectors (GDP does not split by sector); add the domestic rows by sector instead`,
  countryTableColumn: (column: string) =>
    `the countries table has no column ${show(column)}; it needs a column country (codes as in the flows) and optionally name, gdp, deficit`,
  countryTableUnknownColumn: (position: number, name: string | undefined) =>
    `column ${position}${name !== undefined ? ` (${show(name)})` : ""} of the countries table is none of country, name, gdp, deficit; remove or rename it`,
  countryTableMissing: (country: string) => `${country} of the flows is not in the countries table; add its row`,
  countryTableExtra: (country: string, row: number) => `${country} (row ${row} of the countries table) has no flows; remove its row or add its flows`,
  countryTableDuplicate: (country: string, row: number) => `${country} appears twice in the countries table (again at row ${row}); give each country once`,
  countryTableValue: (country: string, column: string) => `the ${column} of ${country} in the countries table is empty or not a finite number; write a number`,
  manifestKeys: () => `a dataset manifest takes flows, countries, units, year, title, source, licence, attribution and domestic only (the file's own keys are not shown here); compare it with the README's "Your own data"`,

  // ---- scenarios ------------------------------------------------------------------------------
  rateLooksLikePercent: (value: number) =>
    `a rate of ${value} is ${value * 100}%; rates are shares (0.24 for 24%) — write ${value / 100} or give the rate as a string "${value}%"`,
  outOfDomain: (what: string, domain: string, why: string) => `${what} must be a finite number in ${domain} (${why})`,
  notANumber: (what: string) => `must be ${what}; .nan, .inf and null are not numbers — write a number`,
  wrongType: (expected: string) => `must be ${expected}`,
  noMatchingForm: (forms: string) => `must be ${forms}`,
  tradeCostProductOutOfRange: (pair: string, product: number, min: number, max: number) =>
    `the trade-cost factors applied to ${pair} multiply to ${product.toPrecision(3)}, outside [${min}, ${max}] (a hundredfold change either way); lower the factors, or use type: embargo for a prohibitive cost`,
  covariateChangeOutOfRange: (name: string, pair: string, factor: number, min: number, max: number) =>
    `setting covariate ${show(name)} changes the trade cost of ${pair} by a factor ${factor.toPrecision(3)} (d̂ = exp(β·Δx/(1−σ))), outside [${min}, ${max}]; use a value within the covariate's range, or type: embargo for a prohibitive cost`,
  rateOutOfRange: (value: number) =>
    `a tariff rate must lie between 0 and 10 (0%–1000%); ${value} is outside — check the units`,
  badPercentString: (value: string) => `cannot read ${show(value)} as a rate; write a share (0.24) or a percent string ("24%")`,
  unknownKey: (key: string, allowed: string[]) =>
    `unknown key ${show(key)}; allowed here: ${allowed.join(", ")}`,
  inheritUnknownPhase: (name: string, earlier: string[]) =>
    `phase ${show(name)} is not an earlier phase; inherit from one of ${earlier.length ? earlier.join(", ") : "(none: this is the first phase)"}`,
  unknownModel: (known: string[]) => `unknown model; choose one of ${known.join(", ")}`,
  reservedName: (name: string) =>
    `${show(name)} is a reserved name (it has a special meaning in JavaScript objects) and cannot name a group, covariate, column or parameter; choose another name`,
  duplicatePhase: (name: string) => `phase name ${show(name)} is used twice; phase names must be unique`,
  modelNeedsDataset: (model: string, what: string) => `model ${show(model)} needs ${what} in the dataset`,
  shockNotSupported: (shock: string, model: string, supported: string[]) =>
    `shock type ${show(shock)} is not available in model ${show(model)}; this model takes ${supported.join(", ")}`,
  sectorShockOnOneSector: (model: string) =>
    `model ${show(model)} has one sector; remove "sectors" from the shock or use a multi-sector model`,
  embargoNoSupplier: (importer: string, sector: string) =>
    `the embargo leaves ${importer} with no supplier of sector ${sector}; at least one exporter (or domestic production) must remain`,
  /** An embargo pattern under which the model has no equilibrium (tradeIsolation.ts); `fix` is model-specific. */
  isolationNoEquilibrium: (countries: string[], reason: "deficit-without-imports" | "surplus-without-exports" | "imbalance-in-autarky", rule: string, fix: string) =>
    `${countries.join(", ")} ${
      reason === "deficit-without-imports"
        ? "can buy nothing abroad (every foreign supplier is embargoed), but the model holds a trade deficit for " + (countries.length > 1 ? "them" : "it") + ", and a deficit needs imports"
        : reason === "surplus-without-exports"
          ? "can sell nothing abroad (every foreign buyer is embargoed), but the model holds a trade surplus for " + (countries.length > 1 ? "them" : "it") + ", and a surplus needs exports"
          : "trade" + (countries.length > 1 ? "" : "s") + " with nobody outside " + (countries.length > 1 ? "their group" : "itself") + ", but the model holds a trade imbalance for " + (countries.length > 1 ? "them" : "it") + ", and in autarky spending must equal income"
    } (${rule}): this policy has no equilibrium — ${fix}`,
  /** Warning: the limit the model's equilibrium takes when a balanced country loses all imports (or all exports). */
  isolationLimit: (countries: string[], kind: "exports-stop" | "imports-stop") =>
    kind === "exports-stop"
      ? `${countries.join(", ")} can buy nothing abroad and ${countries.length > 1 ? "their" : "its"} trade is balanced, so in equilibrium ${countries.length > 1 ? "they sell" : "it sells"} nothing abroad either (its prices rise without bound against foreign ones): solved as that limit, trade with nobody; nominal changes of ${countries.join(", ")} are relative to ${countries.length > 1 ? "their" : "its"} own numeraire`
      : `${countries.join(", ")} can sell nothing abroad and ${countries.length > 1 ? "their" : "its"} trade is balanced, so in equilibrium ${countries.length > 1 ? "they buy" : "it buys"} nothing abroad either: solved as that limit, trade with nobody; nominal changes of ${countries.join(", ")} are relative to ${countries.length > 1 ? "their" : "its"} own numeraire`,
  /** Warning: countries that no longer trade with the rest of the world get their own numeraire. */
  separateNumeraire: (countries: string[], numeraire: string) =>
    `${countries.join(", ")} no longer trade${countries.length > 1 ? "" : "s"} with the rest of the world: ${countries.length > 1 ? "their" : "its"} prices, wages and nominal flows are measured against ${countries.length > 1 ? "their" : "its"} own ${numeraire} (a separate numeraire); real changes (welfare, real wage) do not depend on it`,
  /** Structural gravity: a component cut off from the reference country has no tie to its prices. */
  separateComponentUnpriced: (countries: string[], reference: string) =>
    `${countries.join(", ")} no longer trade${countries.length > 1 ? "" : "s"} with the reference country ${reference}: ${countries.length > 1 ? "their" : "its"} nominal changes (factory-gate price, price index, output) are not tied to ${reference}'s prices and only follow the solver's normalisation — read ${countries.length > 1 ? "their" : "its"} real change (welfare), which does not depend on it`,
  conditionalTargetsPerComponent: (countries: string[]) =>
    `${countries.join(", ")} no longer trade${countries.length > 1 ? "" : "s"} with the rest of the world, and a group's spending no longer matches what it sells: the conditional GE (outputs and expenditures held) scales each group's expenditures to its output — the full GE, where prices adjust, does not depend on this`,
  stataLoopNeedsConnectedWorld: (countries: string[]) =>
    `${countries.join(", ")} would trade with nobody outside ${countries.length > 1 ? "their group" : "itself"}; the Advanced Guide's Stata loop cannot price a country cut off from the reference country (its iteration drifts) — set model.fullGe: exact, which solves this case`,
  tradeCostExponentOutOfRange: (pair: string, exponent: number, max: number) =>
    `these coefficients make the trade-cost term Σ β·x of ${pair} ${exponent.toPrecision(3)}, outside ±${max} (τ = exp(Σ β·x) would leave the range the model can solve); gravity coefficients are O(1) — check their values and the covariates' units`,
  undefinedOutcome: (model: string, keys: string[]) =>
    `the ${model} solve left ${keys.slice(0, 4).join(", ")}${keys.length > 4 ? ", …" : ""} undefined (resistances ran to 0 or infinity: this pattern of trade costs and embargoes has no solution in the model); no result is shown — open more trade links or soften the shocks`,
  /** A solve whose relative wages ran off towards a corner (no finite equilibrium). */
  equilibriumAtCorner: (high: string, low: string, ratio: number) =>
    `the iteration ran off towards a corner (the wage of ${high} relative to ${low} changed by a factor ${ratio.toExponential(1)}): the policy has no finite equilibrium in this model; the numbers are the last iterate, not a result`,
  shockCoversNoPair: () =>
    `this shock covers no exporter–importer pair (a country's trade with itself is never shocked, and except removes the rest), so it changes nothing; check importer, exporter and except`,
  shockCoversNoSector: () => `this shock covers no sector (exceptSectors removes every sector it names), so it changes nothing; check sectors and exceptSectors`,
  covariateAlreadySet: (name: string, value: number) => `covariate ${show(name)} is already ${value} for every pair this shock covers, so it changes nothing; check the pairs or the value`,
  groupNamedAll: () => `a group named "all" is never used: "all" always means every country; rename the group`,
  groupNamedLikeCountry: (code: string, country: string) =>
    `this group has the code of a country of the dataset (${code}, ${country}); wherever ${code} is written the country is meant, so the group is never used — rename the group`,
  groupReplacesDatasetGroup: (name: string, dataset: string) => `this group replaces dataset ${dataset}'s own group ${name} wherever ${name} is written`,
  groupReachesItself: (name: string) => `group ${show(name)} reaches itself through the groups it names; a group may not contain or exclude itself — name countries or other groups`,
  singleCountryExpected: () => `name one country here, not a group`,
  yamlSyntax: (detail: string) => `not valid YAML/JSON: ${detail}`,
  yamlAliases: (detail: string, limit: number) =>
    `the YAML aliases cannot be expanded${detail ? `: ${detail}` : ""}; an alias (*name) must follow its anchor (&name), and a scenario may expand at most ${limit} aliases — write repeated parts out`,
  fileNotYaml: (line: number, column: number) =>
    `is not valid YAML/JSON (line ${line}, column ${column}); the file's content is not shown — check that the field names the right file`,
  scenarioLimit: (found: string, what: string, limit: number) =>
    `the scenario has ${found}; the limit is ${limit} ${what} per scenario (see "Limits" in the README) — split it into several scenarios`,
  fileMissing: (path: string) => `file ${path} does not exist`,
  notAFile: (what: string, kind: string) => `the ${what} must be a regular file, but this is ${kind}; give the path of a file`,
  fileNotReadable: (what: string, path: string) => `the ${what} ${path} cannot be read (permission denied); check its permissions`,
  fileTooLarge: (what: string, bytes: number, limit: number) =>
    `the ${what} is ${(bytes / 2 ** 20).toFixed(1)} MiB, above the limit of ${(limit / 2 ** 20).toFixed(0)} MiB; give a smaller file`,
  outputIsFolder: (path: string) => `${path} is a folder; --out takes a file path (e.g. ${path.replace(/\/+$/, "")}/result.json)`,
  outputFolderMissing: (folder: string) => `the folder ${folder} does not exist; create it first (mkdir -p ${folder}) or choose another --out path`,
  outputNotWritable: (path: string, reason: string) => `cannot write ${path} (${reason}); choose a path you can write to`,
  dataDirNotFolder: (dir: string, kind: string) => `--data-dir ${dir} is ${kind}, not a folder; give a folder (it is created if missing)`,
  dataDirNotWritable: (dir: string) => `--data-dir ${dir} is not writable; give a folder you can write to`,
  portOutOfRange: () => `must be a whole number from 0 to 65535 (0 picks a free port)`,
  csvSyntax: (what: string, problem: string) => `the ${what} is not valid CSV: ${problem}; fix the file (quotes must close, every row needs the header's number of cells)`,
  blocTooManySets: (candidates: number, sets: number, limit: number) =>
    `the bloc has ${candidates} candidates, so ${sets.toLocaleString("en-US")} membership sets (2^${candidates}) would be solved, more than the ${limit} solved without asking; pass --yes to solve them all, or --max-sets ${sets} to raise the limit, or remove candidates`,
  columnsHidden: (labels: string[]) =>
    `${labels.length} more column${labels.length > 1 ? "s" : ""} not shown to fit the width: ${labels.join("; ")} — --wide shows every column (or --format csv / json)`,
  optionIgnored: (option: string, reason: string) => `${option} is ignored: ${reason}`,
  countryNotInDataset: (code: string, dataset: string, known: string[]) =>
    `--country ${show(code)} is not a country of dataset ${dataset} (e.g. ${known.slice(0, 6).join(", ")}, …): no sector table for it is shown`,

  // ---- supply-chain exposure and ICIO import (spec scenarios-and-strategy.md §5) -------------------
  exposureNeedsIo: (dataset: string) =>
    `dataset ${show(dataset)} has no input–output block (io: γ, β, α); the value-added accounting needs one — use cp-1993 or import an OECD ICIO table with \`tradewinds import-icio\``,
  exposureNeedsFlows: (model: string) =>
    `model ${show(model)} reports no bilateral flows, so the exposure after the scenario cannot be formed; use model.type caliendo-parro`,
  exposureUnsourcedInput: (country: string, userSector: string, inputSector: string, share: number) =>
    `${country} ${userSector} uses ${inputSector} (γ = ${share.toPrecision(3)}) but ${country} buys none of it; the share is counted as ${country}'s own value added`,
  exposureSupplierChosen: (supplier: string, country: string) =>
    `Supplier ${supplier}: the one country whose sales to ${country} are embargoed in every phase (--supplier chooses another; --supplier all shows all foreign suppliers together).`,
  exposureTargetUnknown: (target: string, datasets: string[]) =>
    `${show(target)} is neither an embedded dataset (${datasets.join(", ")}), nor a dataset file, nor a scenario file; give a dataset name or a file path`,
  icioMissingColumn: (what: string, pattern: string) =>
    `the ICIO table has no ${what} column (expected a header like ${pattern}); check that this is an OECD ICIO CSV in the country_industry layout`,
  icioMissingRow: (what: string, pattern: string) =>
    `the ICIO table has no ${what} row (expected a first-column label like ${pattern}); check that this is an OECD ICIO CSV in the country_industry layout`,
  icioBadLabel: (label: string) =>
    `cannot read ${show(label)} as COUNTRY_INDUSTRY (e.g. "JPN_C24"); every intermediate row and column must name a country and an industry`,
  icioNotNumeric: (row: string, column: string, value: string) =>
    `cell (${row}, ${column}) is ${show(value)}, not a number; every cell of the table must be numeric (empty cells count as 0)`,
  icioNegative: (row: string, column: string, value: number) =>
    `cell (${row}, ${column}) is ${value}, but intermediate use, final demand and output must be ≥ 0 (only value added, taxes and discrepancies may be negative); fix the source`,
  icioIncompleteGrid: (country: string, industry: string) =>
    `the table has no row/column ${country}_${industry} although ${country} and ${industry} both appear; every country must have every industry`,
  initFileExists: (file: string) => `${file} exists; choose another file name, or pass --force to overwrite it`,
  initInvalid: (model: string, dataset: string, usual: string | undefined, problems: string[]) =>
    `a starter for model ${show(model)} on dataset ${show(dataset)} would not be valid (${problems.slice(0, 3).join("; ")}${problems.length > 3 ? "; …" : ""}); ${usual ? `the model's usual dataset is ${usual}, or ` : ""}choose another --model or --dataset`,
  importKind: (kinds: string[]) => `choose what to import: ${kinds.join(", ")} (see \`tradewinds import --help\`)`,
  importOptionNotForKind: (option: string, kind: string, kinds: readonly string[]) => `${option} does not apply to import ${kind}; it is for ${kinds.join(", ")}`,
  importUnitsRequired: () => `a flows table states no units; give them with --units, e.g. --units "millions of current USD"`,
  importUnitsFixed: (kind: string, units: string) => `${kind} values are in ${units}; leave out --units`,
  importDomesticRule: (rules: readonly string[]) => `choose a rule for missing domestic sales: ${rules.join(", ")}`,
  importName: () => `a dataset name is lower-case letters, digits and hyphens (e.g. my-flows-2023); give one with --name`,
  importYear: () => `give the data's year as a whole number with --year (e.g. --year 2020)`,
  baciCodesRequired: () => `BACI names countries by CEPII numeric codes; give the release's country code table with --codes country_codes_V….csv`,
  baciColumn: (column: string) =>
    `the BACI file has no column ${show(column)}; a BACI year file has columns t, i, j, k, v, q (e.g. BACI_HS92_Y2022_V202401b.csv) — check the file`,
  baciBadRows: (count: number, first: string) =>
    `${count} row(s) of the BACI file have an empty or negative value v, an empty exporter i or importer j, or i = j (the first at ${first}); fix or remove them`,
  baciCodeColumns: () =>
    `the country code table needs columns country_code and country_iso3 (or iso_3digit_alpha), as the release's country_codes_V….csv has; give that file with --codes`,
  baciUnknownCode: (code: string) => `country code ${show(code)} of the BACI file is not in the country code table; give the code table of the same release (--codes)`,
  wiotMissingColumn: (name: string) =>
    `the WIOD table has no ${name} column; check that this is a World Input-Output Table in the flat layout of the release's R/Stata files (IndustryCode, IndustryDescription, Country, RNr, Year, AUS1 … , TOT), written as CSV`,
  wiotMissingRow: (code: string) => `the WIOD table has no ${code} row (IndustryCode ${code}, Country TOT); its gross output is needed — check that the total rows were kept`,
  wiotBadRow: (line: string) => `${line}: an industry row needs a three-letter Country and a whole RNr ≥ 1 (total rows have Country TOT); fix or remove the row`,
  wiotYear: () => `the table's year is not one value of its Year column; give it with --year (e.g. --year 2014)`,
  icioOutputMismatch: (label: string, rowTotal: number, output: number, totalLabel = "OUT") =>
    `the row total of ${label} (intermediate + final use = ${rowTotal.toPrecision(6)}) differs from its ${totalLabel} value ${output.toPrecision(6)} by more than 0.1%; the table does not balance — check the file or drop the rows it mixes in`,

  // ---- the server's store ----------------------------------------------------------------------
  storeUnreadable: (file: string, detail: string) =>
    `the result store ${file} cannot be read (${detail}); it was left exactly as it is. To start, move it away (with ${file}.wal if there is one) — the server then starts with an empty store — or start with another --data-dir; keep the moved file to recover what it holds`,

  // ---- bloc formation (spec scenarios-and-strategy.md §3) -----------------------------------------
  blocNeedsSection: (source: string) =>
    `${source} has no "bloc" section; add bloc: { leader, target, candidates, membersOnTarget, … } (see examples/bloc-japan.yaml)`,
  blocCandidateOverlap: (candidate: string, country: string, other: string) =>
    `candidate ${show(candidate)} contains ${country}, which is also ${other}; each country may belong to one candidate only and not be the leader or the target`,
  blocFocusNotCandidate: (focus: string, candidates: string[]) =>
    `the focus ${show(focus)} is not one of the candidates; choose one of ${candidates.join(", ")}`,
  blocShockNotSupported: (measure: string, model: string, supported: string[]) =>
    `the bloc rule needs shock type ${show(measure)}, which model ${show(model)} does not take (it takes ${supported.join(", ")}); change the rule or the model`,
  blocPayoffNotReported: (key: string, model: string, reported: string[]) =>
    `model ${show(model)} does not report ${show(key)}; choose a payoff it reports: ${reported.join(", ")}`,
  blocThreads: (value: string) => `--threads must be an integer ≥ 1 (got ${show(value)})`,

  // ---- estimation (PPML) -----------------------------------------------------------------------
  unknownColumn: (name: string, known: string[]) =>
    `unknown column ${show(name)}; the data has ${known.length > 20 ? known.slice(0, 20).join(", ") + ", …" : known.join(", ")}`,
  unknownColumnInFile: (name: string, columns: number) =>
    `unknown column ${show(name)}; the data file's header has ${columns} column(s), none named so (the file's content is not shown here: look at its first line)`,
  columnNotNumeric: (name: string) =>
    `column ${show(name)} holds text, but a number is needed here; use a numeric column or list it under fixedEffects`,
  logOfNonPositive: (name: string, row: number) =>
    `cannot take the log of column ${show(name)} at data row ${row + 1}: values must be > 0; filter those rows out in "sample"`,
  negativeOutcome: (name: string) =>
    `the outcome ${show(name)} is negative; Poisson regression needs y ≥ 0 — fix the value or filter the row out`,
  invalidEstimationSpec: (detail: string) => `invalid estimation spec: ${detail}`,
  specKeysNotShown: (count: number) =>
    `invalid estimation spec: ${count} key(s) here are not fields of a spec (not shown: the file's content is never quoted); compare the file with examples/estimate/`,
  dataPathDenied: (panels: string[]) =>
    `a file path is not accepted here (the HTTP API, and the library unless RunOptions.files names a folder, reads no files); name an embedded panel: ${panels.map((p) => `panel:${p}`).join(", ") || "(none)"}`,
  specPathDenied: () =>
    `a spec file is not accepted here (the HTTP API, and the library unless RunOptions.files names a folder, reads no files); write the stage's spec inline: spec: { outcome, regressors, fixedEffects, … }`,
  notARegularFile: (path: string) => `${path} is not a regular file (a folder, pipe or device); name a file`,
  unknownSlope: (name: string, known: string[]) =>
    `${show(name)} is not an estimated slope; the estimated slopes are ${known.join(", ") || "(none)"}`,
  unknownFactor: (name: string, known: string[]) =>
    `unknown fixed effect ${show(name)}; choose one of ${known.join(", ") || "(none)"}`,
  normalisationMatchesNothing: (factor: string) =>
    `the normalisation selects no level of fixed effect ${show(factor)}; check the level values (they are compared as text)`,
  emptyEstimationSample: () =>
    `no observation is left to estimate on after the sample filter, missing values, singletons and separated rows; relax the sample filter`,
  ppmlNotConverged: (iterations: number, devianceChange: number, tolerance: number, regressorScore: number, levelScore: number) =>
    `PPML did not reach the maximum after ${iterations} iterations (relative deviance change ${devianceChange.toExponential(2)}, tolerance ${tolerance.toExponential(1)}; ` +
    `largest relative score: regressors ${regressorScore.toExponential(2)}, fixed-effect levels ${levelScore.toExponential(2)}); raise options.maxIterations or tighten options.innerTolerance`,
  estimationDataRequired: () =>
    `the spec names no data file; add data: <CSV path relative to the spec file> or data: panel:<name> (an embedded panel, e.g. panel:ag-rta-1986-2006)`,
  tableUnreadable: () =>
    `the data file could not be read as a table; it must be a CSV with a header row, commas between fields and the same number of fields on every line, or a Parquet file named *.parquet`,
  estimationDataMissing: (path: string) => `data file ${path} does not exist; data: is read relative to the file that names it`,
  unknownPanel: (name: string, known: string[]) => `no embedded panel ${show(name)}; the embedded panels are ${known.join(", ") || "(none)"}`,
  unknownStage: (name: string, known: string[]) =>
    `no estimation stage ${show(name)} before this point; the stages are ${known.join(", ") || "(none)"} (a stage may use only the stages listed before it)`,
  stageDataDiffers: (own: string, panel: string) =>
    `the stage's spec names data ${own}, but the estimation section's data is ${panel}; all stages estimate on the section's panel — remove the spec's data: or make it the same file`,
  regressorDropped: (name: string, reason: string) => `regressor ${show(name)} was dropped from the baseline PPML (${reason}); it does not enter trade costs`,
  duplicateStage: (name: string) => `estimation stage ${show(name)} is defined twice; give every stage its own name`,
  fixedEffectsNotRecovered: (stage: string) =>
    `stage ${show(stage)} recovered no fixed effects; give its spec a normalisation (e.g. { factor: importer, where: { importer: DEU } })`,
  crossSectionRowMissing: (exporter: string, importer: string, where: string) =>
    `the estimation data has no row for exporter ${exporter}, importer ${importer} with ${where}; the cross-section must cover every dataset pair`,
  crossSectionRowDuplicate: (exporter: string, importer: string, where: string) =>
    `the estimation data has more than one row for exporter ${exporter}, importer ${importer} with ${where}; narrow crossSection.where`,
  levelNotEstimated: (factor: string, label: string, stage: string) =>
    `level ${show(label)} of fixed effect ${show(factor)} was not estimated in stage ${show(stage)} (it is not in the estimation sample), so the prediction is undefined; add a fill stage or widen the sample`,
  estimatedCoefficientMissing: (name: string, stage: string, known: string[]) =>
    `stage ${show(stage)} estimated no slope ${show(name)} (estimated: ${known.join(", ") || "none"}); list it in the stage's regressors`,
  estimationNeeded: (field: string) =>
    `model parameter ${field} takes its values from the scenario's estimation stages, but the scenario has no estimation section; add estimation: { data, crossSection, stages }`,
  projectionSweepCap: (projections: number, maxSweeps: number) =>
    `${projections} fixed-effect projections stopped at the cap of ${maxSweeps} sweeps; the score check decides whether the fit is usable`,

  // tariff wars (strategy/tariffWar.ts)
  unknownSigmaSet: (value: string, known: string[]) => `no σ set ${show(value)}; choose one of ${known.join(", ")} (Ossa 2014's main σ and his sensitivity sets)`,
  nashNeedsAllCountries: () => "the Nash tariffs need every country's best response: drop --country",
  tariffWarNeedsSectors: () => "several sectors with σ by sector (e.g. gtap-2007)",
  optimalSearchNotConverged: (country: string, iterations: number, gradient: number, newton?: { steps: number; change: number; tolerance: number; why: string[] }) =>
    `${country}: the optimal-tariff search did not converge (${iterations} quasi-Newton iterations, projected gradient ${gradient.toExponential(1)}` +
    (newton ? `; ${newton.steps} Newton step(s) on the tariffs, the last moving them by ${newton.change.toExponential(1)} > ${newton.tolerance}${newton.why.length ? `: ${newton.why.join("; ")}` : ""}` : "") +
    "); its row is the last iterate",
  notPositivePopulation: (code: string) => `the population of ${code} must be a positive number of persons (leave population out if the source has none)`,
  moneyUnitsUnknown: (units: string) =>
    `the dataset's units ${show(units)} do not say a scale of US dollars the report can read, so no dollar figures are reported; state them as e.g. "thousands of current USD" or "millions of constant 2015 USD" (meta.units)`,
  scaleMovesWithElasticity: (epsilon: number, numerator: number, psi: number, paperPsi: number) =>
    `tradeElasticity ε = ${epsilon} (the paper's baseline: 4) also moves the scale elasticity: ψ = ${numerator}/ε = ${psi.toPrecision(4)} (at ε = 4: ${paperPsi.toPrecision(4)}), and with it θ = 1/ψ in the pass-through φ — the paper's rule (its ε = 8 run). To hold ψ instead, set model.scaleElasticity: ${paperPsi.toPrecision(4)}`,
  toleranceOutOfRange: (range: readonly [number, number], what: string) => `a tolerance in [${range[0]}, ${range[1]}]: ${what}`,
  unknownChoice: (what: string, value: string, known: readonly string[]) => `no ${what} ${show(value)}; choose one of ${known.join(", ")}`,
  newtonStageSkipped: (instruments: number, cap: number) =>
    `Each country has ${instruments} tariffs (more than ${cap}): the searches stop on the welfare gradient alone, so tariffs in directions where welfare is flat may not have converged; --tariff-tolerance 1e-8 adds the Newton stage (2 × ${instruments} gradients a step).`,
  mfnStartNotConverged: (country: string, iterations: number, gradient: number) =>
    `${country}: the MFN-optimal start did not converge (${iterations} iterations, projected gradient ${gradient.toExponential(1)}); the search starts from its last iterate`,
  optimalSearchFailedSolves: (country: string, count: number) => `${country}: ${count} equilibrium solve(s) failed during the search (those steps were rejected)`,
  bestResponseNotConverged: (round: number, countries: string[]) => `Nash round ${round}: the best response of ${countries.join(", ")} did not converge`,
  nashNotConverged: (meanChange: number, tolerance: number, rounds: number) =>
    `the best-response iteration did not converge: |mean change| ${meanChange.toExponential(2)} > ${tolerance} after ${rounds} rounds; the table shows the last round`,

  tradeElasticitiesLength: (sectors: number, got: number) =>
    `tradeElasticities needs one ε > 0 per sector of the dataset: ${sectors} values in the dataset's sector order, not ${got} (see \`tradewinds datasets <name>\`)`,
  integerOption: (min: number, max: number) => `must be a whole number from ${min} to ${max.toLocaleString("en-US")}`,
  seedWithoutDraws: () => `--seed chooses the random numbers of draws: give --uncertainty <draws> or --draw k with it (or a draws count in the scenario's uncertainty section)`,
  drawWithUncertainty: () => `--draw solves one draw alone; give either --draw k or --uncertainty <draws>, not both`,
  apiDrawsLimit: (max: number) =>
    `over the HTTP API a run solves at most ${max.toLocaleString("en-US")} uncertainty draws (each solves every phase again); lower uncertainty.draws, or run more with \`tradewinds run <scenario> --uncertainty <draws>\` or \`tradewinds sweep\``,
  drawsLeftOut: (notConverged: number, failed: number, draws: number) =>
    `${notConverged} of ${draws} draw(s) did not converge and ${failed} failed; they are listed in the output and left out of the bands`,
  // ---- sweeps -----------------------------------------------------------------------------------
  sweepOneScenarioDimension: () => `a sweep has at most one scenarios dimension; list every file in it`,
  sweepScenarioOrDimension: () => `give the base scenario (scenario: file.yaml) or a scenarios dimension — exactly one of them`,
  sweepDimensionTwice: (name: string) => `dimension name ${show(name)} is used twice; each dimension needs its own name (it becomes a column)`,
  sweepDimensionReserved: (name: string, reserved: string[]) => `dimension name ${show(name)} is a column of the results table (${reserved.join(", ")}); choose another`,
  sweepTooLarge: (points: number, max: number) => `the sweep has ${points.toLocaleString("en-US")} points, more than the limit of ${max.toLocaleString("en-US")}; split it into several sweeps`,
  sweepUnknownPhase: (phase: string, scenario: string, known: string[]) => `phase ${show(phase)} is not a phase of ${scenario}; its phases are ${known.join(", ")}`,
  sweepTemplateWithoutValue: () => `no shock of this grid uses "$value", so every grid point would be the same; put "$value" where the grid's value goes (e.g. set: $value)`,
  sweepDrawsWithoutParameters: (scenario: string) => `a draws dimension needs uncertain parameters: give them here (parameters: […]) or in the uncertainty section of ${scenario}`,
  sweepCandidatesDiffer: () => `a memberships dimension needs the same bloc candidates, in the same order, in every scenario of the sweep`,
  sweepNotACandidate: (code: string, candidates: string[]) => `${show(code)} is not a candidate of the bloc; candidates are ${candidates.join(", ")}`,
  resumeOrReplace: () => `--resume continues a stored sweep and --replace starts it again: give one of them`,
  exportFormat: () => `--export writes Parquet or CSV: name the file *.parquet or *.csv`,
  sweepPointsLeftOut: (notConverged: number, failed: number) =>
    `${notConverged} point(s) did not converge and ${failed} failed; they are stored and flagged (sweep_points.converged, sweep_points.error, results.phase_converged)`,
  redisUnreachable: (url: string, detail: string) =>
    `no Redis server answers at ${url} (${detail}); start one (Debian: apt-get install redis-server; redis-server --port 6379) or fix the URL`,
  redisError: (url: string, detail: string) => `Redis at ${url}: ${detail} (retrying)`,
  workerRefused: (worker: string, why: string) => `refused worker ${worker}: ${why}; run the same tradewinds version and data on every machine`,
  waitingForWorkers: (redis: string, queue: string, refused: number) =>
    `waiting for a worker on ${redis} (queue ${queue}${refused ? `; ${refused} refused` : ""}): start one with \`tradewinds worker --redis ${redis}\``,
  chunksFailed: (count: number, examples: string[]) =>
    `${count} chunk(s) failed after their retries (${examples.join("; ")}); their points are not stored — fix the cause and run the sweep again with --resume`,
  sweepPointsMissing: (missing: number) => `${missing} point(s) are not stored (chunks that failed); run the sweep again with --resume to solve them`,
  sweepFileMissing: (path: string) => `file ${path} does not exist (paths in a sweep file are relative to the sweep file)`,
  sweepAlreadyStored: (id: string, stored: number, total: number) =>
    `sweep ${id} (this file, version and data) is already stored with ${stored} of ${total} points; add --resume to continue it, or --replace to solve it again from scratch`,
  // ---- uncertainty --------------------------------------------------------------------------------
  uncertaintySectionMissing: () =>
    `--uncertainty needs the scenario's uncertainty section stating what is uncertain and how (no spread is assumed for you), e.g. uncertainty: { parameters: [{ parameter: tradeElasticities, distribution: lognormal, cv: 0.25 }] }`,
  uncertainParameterTwice: (name: string) => `parameter ${show(name)} is drawn twice; state each uncertain parameter once`,
  modelHasNoTradeElasticities: (model: string) => `model ${model} does not say which of its parameters is the trade elasticity; draw a numeric parameter of it by name instead`,
  tradeElasticitiesDrawnLognormal: () =>
    `trade elasticities by sector are drawn log-normal around the point estimate: use distribution: lognormal with cv (no dataset carries standard errors of its elasticities, so the spread is yours to state)`,
  elasticitySetDrawnAsChoice: () => `the elasticity set is a name: draw it with distribution: choice and among: all (or a list of set names)`,
  datasetHasNoElasticitySets: (dataset: string) =>
    `dataset ${dataset} has no named elasticity sets (icio-2019/2021/2022 and wiod-2014-16 have them); draw tradeElasticities instead`,
  modelHasNoElasticitySets: (model: string) => `model ${model} does not take a named elasticity set (caliendo-parro and lashkaripour do); draw tradeElasticities instead`,
  choiceAllOnlyForSets: () => `among: all lists the dataset's elasticity sets; for a numeric parameter list the values, e.g. among: [3, 4, 5]`,
  choiceNeedsNumbers: (name: string) => `${name} is numeric: list numbers to choose among`,
  sectorsOnlyForTradeElasticities: () => `sectors: common applies to tradeElasticities (one draw for all sectors); remove it here`,
  unknownUncertainParameter: (name: string, model: string, known: string[]) =>
    `${show(name)} is not a numeric parameter of model ${model} with a value in every phase; choose one of ${known.join(", ")} (state an optional parameter in the scenario's model section first)`,
  invalidDraw: (draw: number, detail: string) => `draw ${draw} gives parameters the model rejects (${detail}); narrow the distribution`,
  badElasticitySet: (sectors: number) => `an elasticity set needs one finite ε > 0 per sector (${sectors} values); fix the dataset's build script`,
  ossaFlowsAtExporterPrices: (dataset: string) =>
    `Flows of ${dataset} are read at exporter prices (its source tables are at basic prices); the tariffwar package, and the lashkaripour model that reproduces it, read the same values as tariff-inclusive expenditure.`,
  unknownTariffWarModel: (known: readonly string[]) => `choose the model ${known.join(" or ")} (default: lashkaripour on datasets with elasticity sets, else ossa)`,
  datasetGivenTwice: (positional: string, option: string) => `the dataset is given twice (${positional} and --dataset ${option}); give it once`,
  tariffWarModelMismatch: (model: string, dataset: string, needs: string) =>
    `the ${model} tariff war needs ${needs}, which dataset ${show(dataset)} does not have; choose another dataset or --model`,
  tariffWarOptionNotForModel: (option: string, model: string, use: string) => `${option} does not apply to the ${model} model; ${use}`,
  retaliationNeedsCommonShare: (leader: string) =>
    `the closed-form optimal retaliation against ${leader} treats all other countries as one region and needs one local share ν (and φ) for them; calibrate ν as the Liberation Day paper does (one value for all non-${leader} countries)`,

  // ---- solvers (warnings carried in results) ---------------------------------------------------
  stepHalved: (method: string, step: number, iteration: number) =>
    `solver ${method} halved its step to ${step} at iteration ${iteration} to keep the objective from rising`,
  covariateNotInModel: (name: string, model: string, used: string[]) =>
    `the policy changes covariate ${JSON.stringify(name)}, but it does not enter ${model}'s trade costs (coefficients: ${used.join(", ") || "none"}); add it to the model's regressors/coefficients or drop the change`,
  lastIterateOnly: (iterations: number, residual: number, tolerance: number) =>
    `not converged after ${iterations} iterations (residual ${Number.isFinite(residual) ? `${residual.toExponential(2)} > tolerance ${tolerance.toExponential(1)}` : "not finite: the iteration broke down"}): the values are the solver's last iterate, not an equilibrium — do not read them as results; see the solver warnings (a smaller shock, or the model's tolerance and iteration settings where it has them, may help)`,
  ipfTargetsInfeasible: (gap: number) =>
    `the fixed-effects fit cannot meet its targets: in a group of countries that trade only among themselves, what they sell and what they buy differ by ${(100 * gap).toPrecision(3)}% (no flows can add up to both)`,
  notConverged: (method: string, iterations: number, residual: number, tolerance: number) =>
    `solver ${method} did not converge after ${iterations} iterations: residual ${Number.isFinite(residual) ? `${residual.toExponential(3)} > tolerance ${tolerance.toExponential(1)}` : `not finite (the iteration broke down; tolerance ${tolerance.toExponential(1)})`}`,
  iterationDiverged: (iteration: number) =>
    `iteration ${iteration} produced non-finite values; the last finite iterate is returned — try a smaller damping`,
  embargoLinearisationSkipped: (flows: number) =>
    `the first-order welfare decomposition (welfareFirstOrderPct) leaves out the trade-cost term of ${flows} embargoed flow(s) (its linearisation is infinite); the headline welfareChangePct is exact`,
};

/** Messages of the deal instruments (issue 11): commitments, quotas, export restrictions, pledges, compareWith. */
export const dealMessage = {
  valueNotPositive: (what: string) =>
    `${what.toLowerCase()} must be a positive number in the dataset's flow units (icio-2022: USD million a year), e.g. 8000 for $8 bn; for a zero quota use type: embargo`,
  shareOutOfRange: (field: string, low: number, high: number, openHigh: boolean) =>
    `${field} must be a share above ${low} and ${openHigh ? "below" : "at most"} ${high} (0.5 or "50%")${field === "cut" ? "; a cut of 100% is type: embargo" : ""}`,
  giveOneOf: (keys: string[]) => `give exactly one of ${keys.map((k) => JSON.stringify(k)).join(" or ")}`,
  goesWith: (key: string, other: string) => `"${key}" goes with "${other}" only; remove it or give "${other}"`,
  outOfQuotaBelowInQuota: (inQuota: number, outOfQuota: number) =>
    `the out-of-quota rate (${(100 * outOfQuota).toFixed(2)}%) is below the in-quota rate (${(100 * inQuota).toFixed(2)}%); a tariff-rate quota charges more beyond the quota — swap them`,
  instrumentNotSupported: (shock: string, detail: string, model: string, use: string) =>
    `model ${model} cannot take ${/^[aeiou]/.test(shock) ? "an" : "a"} ${shock} ${detail}; ${use}`,
  noCoveredFlows: (shock: string) =>
    `the ${shock} covers no foreign flow with baseline trade (check importer, exporter and sectors; domestic sales are never covered)`,
  commitmentExceedsSpending: (target: number, spending: number, units: string) =>
    `the committed flow ${target.toFixed(1)} exceeds everything the importer spends on the covered sectors at baseline (${spending.toFixed(1)} ${units}, domestic supply included); lower the value below that`,
  singleCountry: (role: string, got: string) => `${role} must be one country, not ${show(got)} (a group or a list); write one pledge per country`,
  pledgeSameCountry: (code: string) => `investor and host are the same country (${code}); an investment pledge moves capacity between two countries`,
  pledgeNoSales: (host: string, sector: string) => `${host} has no baseline sales of ${sector} to scale the pledge by; leave the sector out`,
  dealWithNash: () =>
    `a phase with nash-tariffs solves each setter's optimal tariff and cannot also meet quantity targets or carry deal wedges; put the deal instruments in a phase without nash-tariffs`,
  pledgeTooLarge: (sector: string, factor: number, largest: number) =>
    `the pledge would change productivity in ${sector} more than ${factor}-fold (T̂ = exp(value ⁄ the sector's responsive sales)); a pledge this size is not a what-if the model can answer — keep value below about ${largest.toFixed(0)} (dataset units)`,
  compareWithUnknown: (name: string, phases: string[]) => `compareWith names no phase of this scenario: ${show(name)}; choose one of ${phases.join(", ")}`,
  compareWithSelf: (name: string) => `a phase cannot be compared with itself (${show(name)}); name another phase or remove compareWith`,
  targetsNotConverged: (iterations: number, worst: string, residual: number, tolerance: number) =>
    `the quantity targets were not met after ${iterations} equilibrium solves: ${worst} is ${(100 * residual).toExponential(2)}% from its target (tolerance ${(100 * tolerance).toExponential(1)}%) — the reported equilibrium is the last one solved`,
  targetUnreachable: (label: string, bound: string) =>
    `${label}: the target cannot be reached — the wedge is at its bound (${bound}) and the flow still misses it`,
  instrumentSolveFailed: (label: string) => `${label}: an equilibrium solve for this target did not converge; its wedge is not reliable`,
};
