import { TradewindsInputError, message, show, type InputIssue } from "../messages.js";
import { binaryHeaderSchema, paddedIndexBytes, storedBytes, tariffSetInfoSchema, type ArrayEntry, type BinaryHeader } from "./binaryFormat.js";
import { checkDataset } from "./checkDataset.js";
import { nullPrototypeRecord, type Dataset, type TariffSetInfo } from "./dataset.js";
import { recordElementSchemas } from "./format.js";
import { ownRecords } from "./ownRecords.js";

/**
 * Decoding of the binary dataset form (binaryFormat.ts) from a parsed header and its inflated chunks,
 * without I/O: Node reads the chunk files (binaryRead.ts), the dashboard's worker fetches them
 * (web/src/worker/fetchDataset.ts). Both pass their SHA-256 (node:crypto, @noble/hashes).
 */

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** SHA-256 of bytes, lower-case hex. */
export type Sha256Hex = (bytes: Uint8Array) => string;

/** The uncompressed bytes of a chunk, or the reason it cannot be read (a message of the catalog). */
export type ChunkReader = (chunk: { file: string; bytes: number }) => Uint8Array | string;

/**
 * A dataset from its parsed header and its chunks (from `readChunk`): header shape (zod), every array's
 * length and checksum, then the cheap semantic checks of checkDataset. Throws TradewindsInputError
 * naming the source and the fix. (The build checks its encoding in memory this way.)
 */
export function datasetFromHeader(raw: unknown, readChunk: ChunkReader, source: string, sha256Hex: Sha256Hex): Dataset {
  const parsed = binaryHeaderSchema.safeParse(raw);
  if (!parsed.success) {
    throw new TradewindsInputError(parsed.error.issues.map((i) => ({ source, path: i.path.map(String).join("."), value: "", message: i.message })));
  }
  const header = parsed.data;
  const recordIssues = ownRecords(
    raw as Record<string, unknown>,
    header,
    { tariffSets: tariffSetInfoSchema.nullable(), groups: recordElementSchemas.groups, parameters: recordElementSchemas.parameters, elasticitySets: recordElementSchemas.elasticitySets },
    source,
  );
  if (recordIssues.length) throw new TradewindsInputError(recordIssues);
  const arrays = decodeArrays(header, readChunk, source, sha256Hex);
  const dataset = assemble(header, arrays, source);
  const issues = checkDataset(dataset, source);
  if (issues.length) throw new TradewindsInputError(issues);
  return dataset;
}

/** Every array of the header, decoded to a dense Float64Array, by name. */
function decodeArrays(header: BinaryHeader, readChunk: ChunkReader, source: string, sha256Hex: Sha256Hex): Map<string, Float64Array> {
  const issues: InputIssue[] = [];
  const chunks = header.chunks.map((chunk) => {
    const bytes = readChunk(chunk);
    if (typeof bytes !== "string") return bytes;
    issues.push({ source, path: "chunks", value: show(chunk.file), message: bytes });
    return undefined;
  });
  if (issues.length) throw new TradewindsInputError(issues);
  const out = new Map<string, Float64Array>();
  for (const entry of header.arrays) {
    const chunk = chunks[entry.chunk];
    const size = storedBytes(entry);
    const file = header.chunks[entry.chunk]?.file ?? `chunk ${entry.chunk}`;
    if (!chunk || entry.offset + size > chunk.length || out.has(entry.name) || (entry.encoding === "sparse") !== (entry.nonZero !== undefined)) {
      issues.push({ source, path: `arrays (${entry.name})`, value: "", message: message.datasetDamaged(file, `array ${entry.name}`) });
      continue;
    }
    const stored = chunk.subarray(entry.offset, entry.offset + size);
    const values = sha256Hex(stored) === entry.sha256 ? decodeArray(entry, stored) : undefined;
    if (!values) issues.push({ source, path: `arrays (${entry.name})`, value: "", message: message.datasetDamaged(file, `array ${entry.name}`) });
    else out.set(entry.name, values);
  }
  if (issues.length) throw new TradewindsInputError(issues);
  return out;
}

/** Float64 values of little-endian bytes (copied: the dataset owns its arrays). */
function float64s(bytes: Uint8Array, count: number): Float64Array {
  const out = new Float64Array(count);
  if (LITTLE_ENDIAN_HOST) new Uint8Array(out.buffer).set(bytes.subarray(0, count * 8));
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, count * 8);
    for (let k = 0; k < count; k++) out[k] = view.getFloat64(k * 8, true);
  }
  return out;
}

/** The dense array of an entry; undefined when a sparse index is out of range or out of order. */
function decodeArray(entry: ArrayEntry, stored: Uint8Array): Float64Array | undefined {
  if (entry.encoding === "dense") return float64s(stored, entry.length);
  const n = entry.nonZero ?? 0;
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  const values = float64s(stored.subarray(paddedIndexBytes(n)), n);
  const out = new Float64Array(entry.length);
  let previous = -1;
  for (let k = 0; k < n; k++) {
    const index = view.getUint32(k * 4, true);
    if (index <= previous || index >= entry.length) return undefined;
    out[index] = values[k];
    previous = index;
  }
  return out;
}

function assemble(header: BinaryHeader, arrays: Map<string, Float64Array>, source: string): Dataset {
  const issues: InputIssue[] = [];
  const take = (name: string, required: boolean): Float64Array | undefined => {
    const values = arrays.get(name);
    if (!values && required) issues.push({ source, path: "arrays", value: show(name), message: message.datasetDamaged(source, `array ${name} (listed in the header, absent from the array table)`) });
    arrays.delete(name);
    return values;
  };
  const flows = take("flows", true) ?? new Float64Array(0);
  const tariffs = nullPrototypeRecord<Float64Array>([]);
  const tariffSetInfo = nullPrototypeRecord<TariffSetInfo>([]);
  for (const [name, info] of Object.entries(header.tariffSets)) {
    tariffs[name] = take(`tariffs/${name}`, true) ?? new Float64Array(0);
    if (info) tariffSetInfo[name] = info;
  }
  const covariates = nullPrototypeRecord(header.covariates.map((name) => [name, take(`covariates/${name}`, true) ?? new Float64Array(0)] as const));
  const inputShares = take("io/inputShares", false);
  const valueAddedShares = take("io/valueAddedShares", false);
  const finalShares = take("io/finalShares", false);
  const io = inputShares && valueAddedShares && finalShares ? { inputShares, valueAddedShares, finalShares } : undefined;
  if (!io && (inputShares || valueAddedShares || finalShares)) issues.push({ source, path: "arrays", value: "", message: message.datasetDamaged(source, "the input–output block (io/inputShares, io/valueAddedShares and io/finalShares go together)") });
  const gdp = take("gdp", false);
  const deficits = take("deficits", false);
  const population = take("population", false);
  for (const name of arrays.keys()) issues.push({ source, path: "arrays", value: show(name), message: message.datasetDamaged(source, `array ${name} (in the array table, not named by the header)`) });
  if (issues.length) throw new TradewindsInputError(issues);

  const elasticitySets = header.elasticitySets ? nullPrototypeRecord(Object.entries(header.elasticitySets).map(([k, v]) => [k, Float64Array.from(v)] as const)) : undefined;
  const defaultSet = header.defaultElasticitySet !== undefined && elasticitySets && Object.hasOwn(elasticitySets, header.defaultElasticitySet) ? elasticitySets[header.defaultElasticitySet] : undefined;
  return {
    meta: header.meta,
    countries: header.countries,
    sectors: header.sectors,
    flows,
    tariffs,
    baselineTariffs: header.baselineTariffs,
    tariffSetInfo,
    covariates,
    gdp,
    deficits,
    ...(population && { population }),
    tradeElasticities: header.tradeElasticities ? Float64Array.from(header.tradeElasticities) : defaultSet ? Float64Array.from(defaultSet) : undefined,
    elasticitySets,
    defaultElasticitySet: header.defaultElasticitySet,
    io,
    groups: nullPrototypeRecord(Object.entries(header.groups)),
    parameters: nullPrototypeRecord(Object.entries(header.parameters)),
  };
}
