import { resolve } from "node:path";
import type { Dataset } from "../../src/data/dataset.js";
import { loadDatasetFile } from "../../src/data/load.js";
import { zeroPolicy, type CompiledPolicy } from "../../src/models/types.js";
import { readShared } from "../support/sharedData.js";

/** The committed embedded datasets of the structural-gravity models. */
export function agDataset(): Dataset {
  return loadDatasetFile(resolve(process.cwd(), "data/ag-2006.json"));
}
export function gegravityDataset(): Dataset {
  return loadDatasetFile(resolve(process.cwd(), "data/gegravity-2006.json"));
}

/** Reads a CSV of ../shared/data (CRLF tolerated) into records; numeric cells become numbers, others stay strings. */
export function readSharedCsv(relative: string): Record<string, string | number>[] {
  const [header, ...lines] = readShared(relative).trim().split(/\r?\n/);
  const names = header.split(",");
  const parse = (cell: string) => (cell.trim() !== "" && Number.isFinite(Number(cell)) ? Number(cell) : cell);
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, k) => [names[k], parse(cell)])));
}

/** A zero policy with some pairs of a covariate set to `value` (the pairs as [exporter, importer] codes). */
export function covariatePolicy(data: Dataset, covariate: string, pairs: [string, string][], value: number): CompiledPolicy {
  const N = data.countries.length;
  const at = new Map(data.countries.map((c, k) => [c.code, k]));
  const changed = Float64Array.from(data.covariates[covariate]);
  for (const [exporter, importer] of pairs) changed[at.get(exporter)! * N + at.get(importer)!] = value;
  return { ...zeroPolicy(data), covariates: { [covariate]: changed } };
}

export function indexOf(data: Dataset, code: string): number {
  const k = data.countries.findIndex((c) => c.code === code);
  if (k < 0) throw new Error(`country ${code} not in dataset ${data.meta.name}`);
  return k;
}
