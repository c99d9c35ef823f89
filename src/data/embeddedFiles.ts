import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BINARY_FORMAT } from "./binaryFormat.js";
import { embeddedDataDir, listEmbeddedDatasets } from "./load.js";

/** A chunk file name as the binary header lists it (binaryFormat.ts): <dataset>.<k>.f64.gz. */
const CHUNK_FILE = /^([a-z0-9-]+)\.\d+\.f64\.gz$/;

/**
 * The files of an embedded dataset in the binary form, by dataset name (never by path): the header's
 * JSON text and its gzip chunks as stored. The dashboard's worker fetches them and decodes them with the
 * library's own code (binaryDecode.ts). Undefined for a name that is not an embedded binary dataset.
 */
export function embeddedDatasetFiles(name: string): { headerText: string; chunkCount: number; chunk(index: number): Uint8Array | undefined } | undefined {
  if (!listEmbeddedDatasets().includes(name)) return undefined;
  const dir = embeddedDataDir();
  const headerText = readFileSync(join(dir, `${name}.json`), "utf8");
  const header = JSON.parse(headerText) as { format?: unknown; chunks?: { file?: unknown }[] };
  if (header.format !== BINARY_FORMAT || !Array.isArray(header.chunks)) return undefined;
  const files = header.chunks.map((c) => (typeof c.file === "string" && CHUNK_FILE.exec(c.file)?.[1] === name ? c.file : undefined));
  return {
    headerText,
    chunkCount: files.length,
    chunk(index) {
      const file = Number.isInteger(index) && index >= 0 ? files[index] : undefined;
      if (file === undefined || !existsSync(join(dir, file))) return undefined;
      return readFileSync(join(dir, file));
    },
  };
}
