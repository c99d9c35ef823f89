/**
 * Derives the embedded datasets in data/ from the raw public files in ../shared/data
 * (`npm run build:data [-- name ...]`). Each scripts/datasets/<name>.ts exports `build(sharedDataDir)`;
 * the derived files (data/<name>.json header and data/<name>.<k>.f64.gz chunks, src/data/binaryFormat.ts)
 * are committed, the raw files never are.
 */
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { writeEncodedDataset } from "../src/data/binaryWrite.js";
import { buildDataset } from "./datasets/buildOne.js";

const shared = resolve(process.env.TRADEWINDS_SHARED_DATA ?? "../shared/data");
const wanted = process.argv.slice(2);
// Dataset builders are the files named like a dataset (lower-case with a digit, e.g. world-2023.ts);
// other modules there (gravityCsv.ts, buildOne.ts) are shared helpers.
export const builders = readdirSync("scripts/datasets")
  .filter((f) => /^[a-z][a-z0-9-]*-\d+\.ts$/.test(f))
  .map((f) => f.slice(0, -3))
  .filter((name) => wanted.length === 0 || wanted.includes(name));

for (const name of builders) {
  const started = performance.now();
  const encoded = await buildDataset(name, shared);
  const files = writeEncodedDataset("data", encoded);
  const { countries, sectors } = encoded.header;
  console.log(
    `data/${name}: ${countries.length} countries × ${sectors.length} sectors (${((performance.now() - started) / 1000).toFixed(1)} s): ` +
      files.map((f) => `${f.file} ${(f.bytes / 1024).toFixed(0)} KiB`).join(", "),
  );
}
