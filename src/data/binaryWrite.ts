import { existsSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { BINARY_FORMAT, CHUNK_GZIP_LIMIT, CHUNK_RAW_LIMIT, binaryHeaderSchema, paddedIndexBytes, type ArrayEntry, type BinaryHeader } from "./binaryFormat.js";
import { sha256Hex } from "./binaryRead.js";
import type { Dataset } from "./dataset.js";

/** A dataset encoded in the binary form: the header's text and the uncompressed chunks. */
export interface EncodedDataset {
  header: BinaryHeader;
  /** The committed header file's exact text (deterministic: same dataset, same bytes). */
  headerText: string;
  chunks: { file: string; bytes: Uint8Array }[];
}

/** Sparse storage when it takes at most a quarter of the dense bytes (12 bytes per non-zero against 8 per element). */
const SPARSE_WHEN_NONZERO_BELOW = 1 / 6;
/** Objects of plain values up to this many characters are written on one line. */
const ONE_LINE_OBJECT = 200;
/** gzip level of the chunks (the header's checksums cover the uncompressed bytes, so the level is free to change). */
const GZIP_LEVEL = 9;

/** Little-endian bytes of float64 values (the host order is checked: the project runs on little-endian hosts). */
function bytesOf(values: Float64Array): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  for (let k = 0; k < values.length; k++) view.setFloat64(k * 8, values[k], true);
  return out;
}

/** Stored bytes of one array: dense, or sparse (uint32 indices padded to 8 bytes, then the values). */
function encodeArray(values: Float64Array): { encoding: "dense" | "sparse"; nonZero?: number; bytes: Uint8Array } {
  let nonZero = 0;
  for (let k = 0; k < values.length; k++) if (values[k] !== 0 || Object.is(values[k], -0)) nonZero++;
  if (nonZero >= values.length * SPARSE_WHEN_NONZERO_BELOW) return { encoding: "dense", bytes: bytesOf(values) };
  const indexBytes = paddedIndexBytes(nonZero);
  const bytes = new Uint8Array(indexBytes + nonZero * 8);
  const view = new DataView(bytes.buffer);
  let n = 0;
  for (let k = 0; k < values.length; k++) {
    if (values[k] === 0 && !Object.is(values[k], -0)) continue;
    view.setUint32(n * 4, k, true);
    view.setFloat64(indexBytes + n * 8, values[k], true);
    n++;
  }
  return { encoding: "sparse", nonZero, bytes };
}

/** The dataset's arrays in storage order. */
function namedArrays(d: Dataset): [string, Float64Array][] {
  const list: [string, Float64Array][] = [["flows", d.flows]];
  if (d.gdp) list.push(["gdp", d.gdp]);
  if (d.deficits) list.push(["deficits", d.deficits]);
  if (d.population) list.push(["population", d.population]);
  for (const [name, values] of Object.entries(d.tariffs)) list.push([`tariffs/${name}`, values]);
  for (const [name, values] of Object.entries(d.covariates)) list.push([`covariates/${name}`, values]);
  if (d.io) list.push(["io/inputShares", d.io.inputShares], ["io/valueAddedShares", d.io.valueAddedShares], ["io/finalShares", d.io.finalShares]);
  return list;
}

/** Encodes a dataset: arrays packed in order into chunks of at most CHUNK_RAW_LIMIT bytes. */
export function encodeDataset(d: Dataset): EncodedDataset {
  const name = d.meta.name;
  const chunks: { file: string; parts: Uint8Array[]; size: number }[] = [];
  const arrays: ArrayEntry[] = [];
  for (const [arrayName, values] of namedArrays(d)) {
    const { encoding, nonZero, bytes } = encodeArray(values);
    let chunk = chunks[chunks.length - 1];
    if (!chunk || (chunk.size > 0 && chunk.size + bytes.length > CHUNK_RAW_LIMIT)) {
      chunk = { file: `${name}.${chunks.length}.f64.gz`, parts: [], size: 0 };
      chunks.push(chunk);
    }
    arrays.push({ name: arrayName, chunk: chunks.length - 1, offset: chunk.size, length: values.length, encoding, ...(nonZero !== undefined ? { nonZero } : {}), sha256: sha256Hex(bytes) });
    chunk.parts.push(bytes);
    chunk.size += bytes.length;
  }
  const joined = chunks.map((c) => {
    const bytes = new Uint8Array(c.size);
    let at = 0;
    for (const part of c.parts) {
      bytes.set(part, at);
      at += part.length;
    }
    return { file: c.file, bytes };
  });
  const tariffSets: BinaryHeader["tariffSets"] = {};
  for (const set of Object.keys(d.tariffs)) tariffSets[set] = d.tariffSetInfo && Object.hasOwn(d.tariffSetInfo, set) ? d.tariffSetInfo[set] : null;
  const header: BinaryHeader = {
    format: BINARY_FORMAT,
    meta: d.meta,
    countries: d.countries,
    sectors: d.sectors,
    ...(d.baselineTariffs !== undefined ? { baselineTariffs: d.baselineTariffs } : {}),
    tariffSets,
    covariates: Object.keys(d.covariates),
    ...(d.tradeElasticities && !d.defaultElasticitySet ? { tradeElasticities: Array.from(d.tradeElasticities) } : {}),
    ...(d.elasticitySets ? { elasticitySets: Object.fromEntries(Object.entries(d.elasticitySets).map(([k, v]) => [k, Array.from(v)])) } : {}),
    ...(d.defaultElasticitySet !== undefined ? { defaultElasticitySet: d.defaultElasticitySet } : {}),
    groups: { ...d.groups },
    parameters: { ...d.parameters },
    chunks: joined.map((c) => ({ file: c.file, bytes: c.bytes.length })),
    arrays,
  };
  binaryHeaderSchema.parse(header); // validated, but the unparsed object is kept: zod's records drop a "__proto__" key
  return { header, headerText: formatJson(header) + "\n", chunks: joined };
}

/**
 * Writes data/<name>.json and its chunks into `dir`. A chunk whose file already holds the same bytes
 * is left untouched (gzip output may differ between zlib versions; the checksums are of the
 * uncompressed bytes), stale chunks of the dataset are removed, and a chunk whose gzip exceeds
 * CHUNK_GZIP_LIMIT fails the build.
 */
export function writeEncodedDataset(dir: string, encoded: EncodedDataset): { file: string; bytes: number }[] {
  const name = encoded.header.meta.name;
  const written: { file: string; bytes: number }[] = [];
  for (const chunk of encoded.chunks) {
    const path = join(dir, chunk.file);
    if (existsSync(path)) {
      const current = readFileSync(path);
      if (Buffer.compare(gunzipSync(current), chunk.bytes) === 0) {
        written.push({ file: chunk.file, bytes: current.length });
        continue;
      }
    }
    const gz = gzipSync(chunk.bytes, { level: GZIP_LEVEL });
    if (gz.length > CHUNK_GZIP_LIMIT) throw new Error(`${chunk.file}: ${gz.length} bytes compressed, above the ${CHUNK_GZIP_LIMIT}-byte limit; lower CHUNK_RAW_LIMIT in src/data/binaryFormat.ts`);
    writeFileSync(path, gz);
    written.push({ file: chunk.file, bytes: gz.length });
  }
  const keep = new Set(encoded.chunks.map((c) => c.file));
  for (const file of readdirSync(dir)) if (file.startsWith(`${name}.`) && file.endsWith(".f64.gz") && /^\d+$/.test(file.slice(name.length + 1, -7)) && !keep.has(file)) unlinkSync(join(dir, file));
  writeFileSync(join(dir, `${name}.json`), encoded.headerText);
  written.unshift({ file: `${name}.json`, bytes: Buffer.byteLength(encoded.headerText) });
  return written;
}

/**
 * JSON with objects one key per line and arrays of numbers or strings, and short objects of plain
 * values (a country, an array entry), on one line: readable diffs of the header (a sector label or a
 * group member changes one line), compact for long number lists.
 */
export function formatJson(value: unknown, indent = ""): string {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== "object")) return JSON.stringify(value);
    const inner = indent + "  ";
    return "[\n" + value.map((v) => inner + formatJson(v, inner)).join(",\n") + "\n" + indent + "]";
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const flat = JSON.stringify(Object.fromEntries(entries));
    if (entries.every(([, v]) => v === null || typeof v !== "object") && flat.length <= ONE_LINE_OBJECT) return flat;
    const inner = indent + "  ";
    return "{\n" + entries.map(([k, v]) => inner + JSON.stringify(k) + ": " + formatJson(v, inner)).join(",\n") + "\n" + indent + "}";
  }
  return JSON.stringify(value);
}
