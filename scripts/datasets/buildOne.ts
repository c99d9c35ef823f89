import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { TradewindsInputError } from "../../src/messages.js";
import { datasetFromHeader } from "../../src/data/binaryRead.js";
import { encodeDataset, type EncodedDataset } from "../../src/data/binaryWrite.js";
import { checkDataset } from "../../src/data/checkDataset.js";
import type { Dataset } from "../../src/data/dataset.js";
import type { DatasetFile } from "../../src/data/format.js";
import { datasetFromFile } from "../../src/data/load.js";

/**
 * Builds one embedded dataset from ../shared/data: runs scripts/datasets/<name>.ts, whose `build(dir)`
 * returns the dataset either in the JSON form (DatasetFile, checked by the JSON loader) or as typed
 * arrays (Dataset, checked by checkDataset); encodes it in the binary form and reads the encoding
 * back in memory with the loader, which must return the same numbers.
 */
export async function buildDataset(name: string, sharedDataDir: string): Promise<EncodedDataset> {
  const module = (await import(pathToFileURL(resolve("scripts/datasets", `${name}.ts`)).href)) as { build: (dir: string) => DatasetFile | Dataset };
  const built = module.build(sharedDataDir);
  const source = `scripts/datasets/${name}.ts`;
  let dataset: Dataset;
  if ("format" in built) {
    dataset = datasetFromFile(JSON.parse(JSON.stringify(built)), source);
  } else {
    const issues = checkDataset(built, source);
    if (issues.length) throw new TradewindsInputError(issues);
    dataset = built;
  }
  if (dataset.meta.name !== name) throw new Error(`${source} builds a dataset named ${dataset.meta.name}; the file name and meta.name must agree`);
  const encoded = encodeDataset(dataset);
  const chunks = new Map(encoded.chunks.map((c) => [c.file, c.bytes]));
  const back = datasetFromHeader(JSON.parse(encoded.headerText), (c) => chunks.get(c.file) ?? "missing", source);
  const same = (a: Float64Array | undefined, b: Float64Array | undefined) => a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((v, k) => Object.is(v, b[k])));
  const pairs: [string, Float64Array | undefined, Float64Array | undefined][] = [
    ["flows", dataset.flows, back.flows],
    ["gdp", dataset.gdp, back.gdp],
    ["deficits", dataset.deficits, back.deficits],
    ...Object.keys(dataset.tariffs).map((k): [string, Float64Array, Float64Array] => [`tariffs/${k}`, dataset.tariffs[k], back.tariffs[k]]),
    ...Object.keys(dataset.covariates).map((k): [string, Float64Array, Float64Array] => [`covariates/${k}`, dataset.covariates[k], back.covariates[k]]),
    ["io/inputShares", dataset.io?.inputShares, back.io?.inputShares],
  ];
  for (const [what, a, b] of pairs) if (!same(a, b)) throw new Error(`internal: ${what} of ${name} does not survive encoding`);
  return encoded;
}
