/**
 * Derives the embedded datasets in data/ from the raw public files in ../shared/data
 * (`npm run build:data [-- name ...]`). Each scripts/datasets/<name>.ts exports
 * `build(sharedDataDir): DatasetFile`; the derived JSON is committed, the raw files never are.
 */
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { DatasetFile } from "../src/data/format.js";
import { writeDatasetFile } from "../src/data/write.js";
import { datasetFromFile } from "../src/data/load.js";

const shared = resolve(process.env.TRADEWINDS_SHARED_DATA ?? "../shared/data");
const wanted = process.argv.slice(2);
// Dataset builders are the files named like a dataset (lower-case with a digit, e.g. world-2023.ts);
// other modules there (gravityCsv.ts) are shared helpers.
const builders = readdirSync("scripts/datasets")
  .filter((f) => /^[a-z][a-z0-9-]*-\d+\.ts$/.test(f))
  .map((f) => f.slice(0, -3))
  .filter((name) => wanted.length === 0 || wanted.includes(name));

for (const name of builders) {
  const started = performance.now();
  const module = (await import(pathToFileURL(resolve("scripts/datasets", `${name}.ts`)).href)) as { build: (dir: string) => DatasetFile };
  const file = module.build(shared);
  datasetFromFile(JSON.parse(JSON.stringify(file)), `data/${name}.json`); // the loader's checks, before writing
  writeDatasetFile(`data/${name}.json`, file);
  console.log(`data/${name}.json: ${file.countries.length} countries × ${file.sectors.length} sectors (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
