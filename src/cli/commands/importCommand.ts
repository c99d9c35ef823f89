import type { Command } from "commander";
import { basename } from "node:path";
import { TradewindsInputError, message } from "../../messages.js";
import { checkOutputPath, writeOutput } from "../paths.js";

/** What `tradewinds import` reads, and the units each source states (csv: the user states them). */
export const IMPORT_KINDS = {
  icio: { what: "an OECD ICIO table (CSV, country_industry layout)", units: "millions of current USD" },
  wiod: { what: "a WIOD World Input-Output Table (CSV, the flat layout of the 2016 release's R/Stata files)", units: "millions of current USD" },
  baci: { what: "a CEPII BACI year file (CSV: t, i, j, k, v, q), with its country code table (--codes)", units: "thousands of current USD" },
  csv: { what: "a long-format flows table (CSV, gzip CSV or Parquet: exporter, importer, [sector], value, [tariff], [year], pair covariates)", units: undefined },
} as const;
export type ImportKind = keyof typeof IMPORT_KINDS;

interface ImportOptions {
  out: string;
  name?: string;
  year?: string;
  units?: string;
  countries?: string;
  codes?: string;
  domestic?: string;
}

/** Options that only some kinds take, and the kinds. */
const OPTION_KINDS: Record<string, readonly ImportKind[]> = { countries: ["csv", "baci"], codes: ["baci"], domestic: ["csv", "baci"] };

/** `tradewinds import <kind> <file> --out <dataset>`, and `import-icio` (the same as `import icio`, kept for scripts that use it). */
export function registerImportCommands(program: Command, onDone: (code: number) => void): void {
  const options = (command: Command) =>
    command
      .requiredOption("--out <file>", "the dataset file to write (JSON), e.g. data/mine.json; a scenario then names it: dataset: ./data/mine.json")
      .option("--name <name>", "dataset name (lower-case letters, digits, hyphens; default: from --out)")
      .option("--year <year>", "the data's year (default: the file's year column, else the first 4-digit number in its name)");
  options(
    program
      .command("import")
      .description("Import trade data into a Tradewinds dataset file, validated: " + Object.entries(IMPORT_KINDS).map(([k, v]) => `${k} — ${v.what}`).join("; "))
      .argument("<kind>", Object.keys(IMPORT_KINDS).join(", "))
      .argument("<file>", "the file to import"),
  )
    .option("--units <units>", 'units of the values, e.g. "millions of current USD" (csv: required; icio, wiod: default millions of current USD; baci: thousands of current USD)')
    .option("--countries <file>", "csv, baci: a countries table (CSV or Parquet: country, and optionally name, gdp, deficit, in the flows' units)")
    .option("--codes <file>", "baci: the release's country code table (country_codes_V….csv)")
    .option("--domestic <rule>", "csv, baci: how missing domestic sales are filled — require (default: none may be missing), gdp-minus-imports (X_ii = GDP − imports), gdp-minus-exports (X_ii = GDP − exports); needs --countries with gdp")
    .action(async (kind: string, file: string, opts: ImportOptions) => onDone(await importData(kind, file, opts)));
  options(program.command("import-icio").description("The same as `tradewinds import icio` (kept for existing scripts)").argument("<csv>", "the ICIO CSV file"))
    .option("--units <units>", "units of the table", IMPORT_KINDS.icio.units)
    .action(async (file: string, opts: ImportOptions) => onDone(await importData("icio", file, opts)));
}

const commandLine = (flag: string, value: string, text: string) => new TradewindsInputError([{ source: "command line", path: flag, value: JSON.stringify(value), message: text }]);

async function importData(kind: string, file: string, opts: ImportOptions): Promise<number> {
  if (!Object.hasOwn(IMPORT_KINDS, kind)) throw commandLine("<kind>", kind, message.importKind(Object.keys(IMPORT_KINDS)));
  const k = kind as ImportKind;
  for (const [option, kinds] of Object.entries(OPTION_KINDS)) {
    const given = opts[option as keyof ImportOptions];
    if (given !== undefined && !kinds.includes(k)) throw commandLine(`--${option}`, given, message.importOptionNotForKind(`--${option}`, k, kinds));
  }
  const units = opts.units ?? IMPORT_KINDS[k].units;
  if (units === undefined) throw commandLine("--units", "", message.importUnitsRequired());
  if (k === "baci" && units !== IMPORT_KINDS.baci.units) throw commandLine("--units", units, message.importUnitsFixed("baci", IMPORT_KINDS.baci.units));
  if (k === "baci" && opts.codes === undefined) throw commandLine("--codes", "", message.baciCodesRequired());
  checkOutputPath(opts.out);
  const [{ nameFromPath }, { datasetFromFile }, { datasetFileText }, { DOMESTIC_RULES }] = await Promise.all([
    import("../../data/datasetFile.js"),
    import("../../data/load.js"),
    import("../../data/write.js"),
    import("../../data/import/countryTable.js"),
  ]);
  if (opts.domestic !== undefined && !(DOMESTIC_RULES as readonly string[]).includes(opts.domestic)) throw commandLine("--domestic", opts.domestic, message.importDomesticRule(DOMESTIC_RULES));
  const domestic = opts.domestic as (typeof DOMESTIC_RULES)[number] | undefined;
  const name = opts.name ?? nameFromPath(opts.out);
  if (!/^[a-z0-9-]+$/.test(name)) throw commandLine("--name", name, message.importName());
  const yearText = opts.year ?? basename(file).match(/(19|20)\d\d/)?.[0];
  const year = yearText === undefined ? undefined : Number(yearText);
  if (year !== undefined && !Number.isInteger(year)) throw commandLine("--year", yearText ?? "", message.importYear());
  const started = performance.now();
  let dataset;
  if (k === "icio" || k === "wiod") {
    const { MAX_CSV_FILE_BYTES, readInputFile } = await import("../../util/inputFile.js");
    const text = readInputFile(file, { source: "command line", field: "<file>", what: k === "icio" ? "ICIO table" : "WIOD table", maxBytes: MAX_CSV_FILE_BYTES });
    if (k === "icio") {
      if (year === undefined) throw commandLine("--year", "", message.importYear());
      dataset = (await import("../../data/icio.js")).icioDatasetFile(text, { source: file, name, year, units });
    } else dataset = (await import("../../data/import/wiot.js")).wiotDatasetFile(text, { source: file, name, year: opts.year === undefined ? undefined : year, units });
  } else if (k === "baci") {
    const { baciDatasetFile } = await import("../../data/import/baci.js");
    dataset = await baciDatasetFile(file, { source: file, name, codesPath: opts.codes!, countriesPath: opts.countries, domestic, year: opts.year === undefined ? undefined : year });
  } else {
    const { checkInputFile } = await import("../../util/inputFile.js");
    checkInputFile(file, { source: "command line", field: "<file>", what: "flows table", maxBytes: Infinity });
    const { readFlowFile } = await import("../../data/import/readFlowFile.js");
    dataset = await readFlowFile(file, {
      source: file,
      showContent: true,
      name,
      year,
      units,
      provenance: { source: `${file}, imported by tradewinds import csv`, licence: "as stated by the file's owner", attribution: `the flows table ${basename(file)}` },
      countriesPath: opts.countries,
      domestic,
    });
  }
  // The file is written only once it loads as every dataset file does (the same checks, the same messages).
  const checked = datasetFromFile(JSON.parse(JSON.stringify(dataset)), opts.out);
  writeOutput(opts.out, datasetFileText(dataset));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`${opts.out}: ${checked.countries.length} countries × ${checked.sectors.length} sector(s), ${checked.meta.year || "year not stated"}, ${checked.meta.units} (${kind}, ${seconds} s)\n`);
  for (const note of dataset.meta.notes) process.stdout.write(`  note: ${note}\n`);
  process.stdout.write(`  use it in a scenario: dataset: ${opts.out.startsWith("/") || opts.out.startsWith(".") ? opts.out : "./" + opts.out} (a path relative to the scenario's folder)\n`);
  return 0;
}
