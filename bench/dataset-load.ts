/**
 * Dataset loading: the embedded binary form (tradewinds-dataset/2: header + gzip float64 chunks,
 * checksums and cheap checks) against the same dataset in the JSON form (tradewinds-dataset/1, parsed
 * and validated element by element with zod, as every embedded dataset was loaded before), built in
 * memory from the loaded dataset. Median of RUNS after one warm-up, in this process; the ratio is
 * JSON time ÷ binary time.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Dataset } from "../src/data/dataset.js";
import type { DatasetFile } from "../src/data/format.js";
import { datasetFromFile, embeddedDataDir, listEmbeddedDatasets, loadDatasetFile } from "../src/data/load.js";
import { median, timeIt } from "./timing.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** The JSON form of a dataset: dense arrays, tariffs as [importer, exporter, sector, rate] entries. */
function jsonForm(d: Dataset): DatasetFile {
  const N = d.countries.length;
  const S = d.sectors.length;
  const tariffs: DatasetFile["tariffs"] = {};
  for (const [name, rates] of Object.entries(d.tariffs)) {
    const entries: DatasetFile["tariffs"][string] = [];
    for (let s = 0; s < S; s++)
      for (let i = 0; i < N; i++)
        for (let j = 0; j < N; j++) {
          const rate = rates[(s * N + i) * N + j];
          if (rate !== 0) entries.push([d.countries[j].code, d.countries[i].code, d.sectors[s].code, rate]);
        }
    tariffs[name] = entries;
  }
  const list = (a: Float64Array) => Array.from(a);
  return {
    format: "tradewinds-dataset/1",
    meta: d.meta,
    countries: d.countries,
    sectors: d.sectors,
    flows: list(d.flows),
    tariffs,
    ...(d.baselineTariffs ? { baselineTariffs: d.baselineTariffs } : {}),
    covariates: Object.fromEntries(Object.entries(d.covariates).map(([k, v]) => [k, list(v)])),
    ...(d.gdp ? { gdp: list(d.gdp) } : {}),
    ...(d.deficits ? { deficits: list(d.deficits) } : {}),
    ...(d.tradeElasticities ? { tradeElasticities: list(d.tradeElasticities) } : {}),
    ...(d.elasticitySets ? { elasticitySets: Object.fromEntries(Object.entries(d.elasticitySets).map(([k, v]) => [k, list(v)])) } : {}),
    ...(d.defaultElasticitySet ? { defaultElasticitySet: d.defaultElasticitySet } : {}),
    ...(d.io ? { io: { inputShares: list(d.io.inputShares), valueAddedShares: list(d.io.valueAddedShares), finalShares: list(d.io.finalShares) } } : {}),
    groups: { ...d.groups },
    parameters: { ...d.parameters },
  };
}

const dir = embeddedDataDir();
console.log(`Dataset loading: median ms over ${RUNS} runs after 1 warm-up (binary: read + gunzip + SHA-256 + checks; JSON: read-free parse + zod + checks)`);
console.log("dataset".padEnd(16) + "N×S".padStart(9) + "binary KiB".padStart(12) + "binary ms".padStart(11) + "JSON MiB".padStart(10) + "JSON ms".padStart(10) + "ratio".padStart(8));
for (const name of listEmbeddedDatasets()) {
  const header = join(dir, `${name}.json`);
  const files = JSON.parse(readFileSync(header, "utf8")).chunks as { file: string }[];
  const binaryBytes = statSync(header).size + files.reduce((a, c) => a + statSync(join(dir, c.file)).size, 0);
  const loaded = loadDatasetFile(header);
  const text = JSON.stringify(jsonForm(loaded));
  const binary = median(timeIt(() => loadDatasetFile(header), RUNS));
  const json = median(timeIt(() => datasetFromFile(JSON.parse(text), `${name} (JSON form)`), RUNS));
  const shape = `${loaded.countries.length}×${loaded.sectors.length}`;
  console.log(name.padEnd(16) + shape.padStart(9) + (binaryBytes / 1024).toFixed(0).padStart(12) + binary.toFixed(1).padStart(11) + (text.length / 2 ** 20).toFixed(1).padStart(10) + json.toFixed(1).padStart(10) + (json / binary).toFixed(1).padStart(8));
}
