import { writeFileSync } from "node:fs";
import type { DatasetFile } from "./format.js";
import { datasetFileSchema } from "./format.js";

/** Rounds to `digits` significant digits so committed files stay compact and diffs stable. */
export function roundSignificant(x: number, digits = 12): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}

/** Writes a dataset file after checking it against the schema (build scripts only). */
export function writeDatasetFile(path: string, file: DatasetFile): void {
  writeFileSync(path, datasetFileText(file));
}

/** The text of a dataset file, checked against the schema first. */
export function datasetFileText(file: DatasetFile): string {
  datasetFileSchema.parse(file);
  return JSON.stringify(file) + "\n";
}
