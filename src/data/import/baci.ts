import { checkInputFile } from "../../util/inputFile.js";
import { readFrameWithDuckDb } from "../../estimation/readFrameDuckDb.js";
import type { DataFrame } from "../../estimation/frame.js";
import { TradewindsInputError, message, type InputIssue } from "../../messages.js";
import type { DatasetFile } from "../format.js";
import { countryTableFromFrame, type DomesticRule } from "./countryTable.js";
import { flowTableToDatasetFile } from "./flowTable.js";
import { mapToFloat64 } from "../../util/typedArrays.js";
import { importDuckDb } from "../../util/importDuckDb.js";

/**
 * Import of CEPII BACI (Gaulier & Zignago 2010, "BACI: International Trade Database at the Product-Level",
 * CEPII Working Paper 2010-23; http://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37), one
 * year's file, e.g. BACI_HS92_Y2022_V202401b.csv:
 *
 *   columns t (year), i (exporter), j (importer), k (HS 6-digit product), v (value, thousands of current USD), q (tonnes)
 *   i, j    CEPII numeric country codes, named by the release's country_codes_V….csv (`--codes`): columns
 *           country_code, and country_iso3 (or iso_3digit_alpha in older releases), country_name (or
 *           country_name_full)
 *
 * Products are summed into one sector (goods, all HS products): X_ij = Σ_k v. BACI has no domestic sales,
 * so they are filled by a stated rule from GDP (`--domestic gdp-minus-imports` or `gdp-minus-exports`,
 * countryTable.ts) with a countries table (`--countries`: country = ISO3, gdp in thousands of USD). The file
 * is read and summed by DuckDB (a year of BACI is ~10 million rows).
 */
export interface BaciImportOptions {
  source: string;
  name: string;
  codesPath: string;
  countriesPath?: string;
  domestic?: DomesticRule;
  /** Default: the t column (one value). */
  year?: number;
}

export const BACI_UNITS = "thousands of current USD";

export async function baciDatasetFile(path: string, options: BaciImportOptions): Promise<DatasetFile> {
  const { source } = options;
  checkInputFile(path, { source, what: "BACI file", maxBytes: Infinity });
  const { DuckDBInstance } = await importDuckDb();
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const fail = (issues: InputIssue[]): never => {
    throw new TradewindsInputError(issues);
  };
  let pairs: { i: string; j: string; v: number }[];
  let years: number[];
  try {
    const quoted = `'${path.replaceAll("'", "''")}'`;
    try {
      // The header first (a types option naming a column the file lacks would fail the read), then the
      // codes as text (BACI writes them as numbers; "004" and 4 must not matter) and the rest as DuckDB sniffs it.
      const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_csv(${quoted}, header = true)`)).getRowObjects().map((row) => String(row.column_name));
      const missing = ["t", "i", "j", "v"].filter((c) => !columns.includes(c));
      if (missing.length) fail(missing.map((c) => ({ source, path: "header", value: "", message: message.baciColumn(c) })));
      const file = `read_csv(${quoted}, header = true, types = {'i': 'VARCHAR', 'j': 'VARCHAR', 'v': 'DOUBLE'})`;
      await connection.run(`CREATE TEMP TABLE baci AS SELECT row_number() OVER () + 1 AS line, t, trim(i) AS i, trim(j) AS j, v FROM ${file}`);
    } catch (err) {
      if (err instanceof TradewindsInputError) throw err;
      fail([{ source, path: "", value: "", message: message.tableUnreadable() }]);
    }
    const bad = (await connection.runAndReadAll("SELECT min(line), count(*) FROM baci WHERE v IS NULL OR v < 0 OR i IS NULL OR j IS NULL OR i = j")).getRows()[0];
    if (Number(bad[1]) > 0) fail([{ source, path: `line ${Number(bad[0])}`, value: "", message: message.baciBadRows(Number(bad[1]), `line ${Number(bad[0])}`) }]);
    years = (await connection.runAndReadAll("SELECT DISTINCT t FROM baci ORDER BY t")).getRows().map((row) => Number(row[0]));
    pairs = (await connection.runAndReadAll("SELECT i, j, sum(v) FROM baci GROUP BY i, j ORDER BY min(line)")).getRows().map((row) => ({ i: String(row[0]), j: String(row[1]), v: Number(row[2]) }));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  if (options.year === undefined && years.length !== 1) fail([{ source, path: "t", value: "", message: message.flowYearVaries() }]);

  // CEPII codes → ISO3 codes and names (codes compared as numbers: "4" and "004" are one code).
  const codes = await readFrameWithDuckDb(options.codesPath, { label: options.codesPath, showContent: true, text: ["country_code", "country_iso3", "iso_3digit_alpha", "country_name", "country_name_full"] });
  const isoOf = codeTable(codes, options.codesPath);
  const normal = (code: string) => (/^\d+$/.test(code) ? String(Number(code)) : code);
  const unknown = [...new Set(pairs.flatMap((p) => [p.i, p.j]).filter((c) => !isoOf.has(normal(c))))];
  if (unknown.length) fail(unknown.slice(0, 20).map((c) => ({ source: options.codesPath, path: "", value: JSON.stringify(c), message: message.baciUnknownCode(c) })));

  const exporter = pairs.map((p) => isoOf.get(normal(p.i))!.iso3);
  const importer = pairs.map((p) => isoOf.get(normal(p.j))!.iso3);
  const frame: DataFrame = { source, showContent: true, rowCount: pairs.length, columns: new Map() };
  const factor = (values: string[]) => {
    const levels = [...new Set(values)];
    const at = new Map(levels.map((l, k) => [l, k]));
    return { kind: "factor" as const, codes: Int32Array.from(values, (v) => at.get(v)!), levels };
  };
  frame.columns.set("exporter", factor(exporter));
  frame.columns.set("importer", factor(importer));
  frame.columns.set("value", { kind: "numeric", values: mapToFloat64(pairs, (p) => p.v) });
  const countries = options.countriesPath
    ? countryTableFromFrame(await readFrameWithDuckDb(options.countriesPath, { label: options.countriesPath, showContent: true, text: ["country", "name"] }), options.countriesPath)
    : undefined;
  if (countries) for (const { iso3, name } of isoOf.values()) if (!countries.names.has(iso3)) countries.names.set(iso3, name);
  const year = options.year ?? years[0];
  return flowTableToDatasetFile(frame, {
    source,
    showContent: true,
    csv: false,
    name: options.name,
    title: `CEPII BACI ${year}: goods trade (all HS products summed), ${new Set(exporter.concat(importer)).size} countries`,
    year,
    units: BACI_UNITS,
    provenance: {
      source: `CEPII BACI, imported from ${source} by tradewinds import baci`,
      licence: "Etalab Open Licence 2.0 (attribute CEPII)",
      attribution: "Gaulier, G. and Zignago, S. (2010), BACI: International Trade Database at the Product-Level. The 1994–2007 Version, CEPII Working Paper 2010-23",
    },
    countries,
    domestic: options.domestic,
  });
}

/** The release's country code table: CEPII numeric code → ISO3 code and name. */
function codeTable(frame: DataFrame, source: string): Map<string, { iso3: string; name: string }> {
  const column = (...names: string[]) => {
    for (const name of names) {
      const c = frame.columns.get(name);
      if (c?.kind === "factor") return c;
    }
    throw new TradewindsInputError([{ source, path: "header", value: "", message: message.baciCodeColumns() }]);
  };
  const code = column("country_code");
  const iso3 = column("country_iso3", "iso_3digit_alpha");
  let name: ReturnType<typeof column> | undefined;
  try {
    name = column("country_name", "country_name_full");
  } catch {
    name = undefined;
  }
  const out = new Map<string, { iso3: string; name: string }>();
  for (let r = 0; r < frame.rowCount; r++) {
    if (code.codes[r] < 0 || iso3.codes[r] < 0) continue;
    const text = code.levels[code.codes[r]].trim();
    const iso = iso3.levels[iso3.codes[r]].trim();
    out.set(/^\d+$/.test(text) ? String(Number(text)) : text, { iso3: iso, name: name && name.codes[r] >= 0 ? name.levels[name.codes[r]] : iso });
  }
  return out;
}
