import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { message } from "../messages.js";
import { datasetFromHeader as decodeHeader, type ChunkReader } from "./binaryDecode.js";
import type { Dataset } from "./dataset.js";

export type { ChunkReader };

/** SHA-256 of bytes, lower-case hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Reads a dataset in the binary form (binaryFormat.ts) from its parsed header and the folder of its
 * chunk files: header shape (zod), every array's length and checksum, then the cheap semantic checks
 * of checkDataset. Throws TradewindsInputError naming the file and the fix.
 */
export function datasetFromBinary(raw: unknown, dir: string, source: string): Dataset {
  return decodeHeader(raw, (chunk) => readChunk(dir, chunk.file, chunk.bytes), source, sha256Hex);
}

/** Reads data/<file> and inflates it; a missing file or a length other than the header's is an error. */
function readChunk(dir: string, file: string, bytes: number): Uint8Array | string {
  const path = join(dir, file);
  if (!existsSync(path)) return message.datasetChunkMissing(file);
  try {
    // maxOutputLength: a damaged or hostile chunk cannot inflate beyond its declared size.
    const out = gunzipSync(readFileSync(path), { maxOutputLength: Math.max(bytes, 1) });
    if (out.length === bytes) return out;
  } catch {
    // reported below
  }
  return message.datasetDamaged(file, "the chunk's length");
}

/** As datasetFromBinary, with the chunks from `readChunk` (the build checks its encoding in memory this way). */
export function datasetFromHeader(raw: unknown, readChunk: ChunkReader, source: string): Dataset {
  return decodeHeader(raw, readChunk, source, sha256Hex);
}
