import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { datasetFromHeader } from "../../../src/data/binaryDecode.js";
import type { Dataset } from "../../../src/data/dataset.js";

/**
 * An embedded dataset fetched by name from the server (GET api/datasets/<name>/header and
 * …/chunks/<k>: the stored files, never a path) and decoded by the library's own binaryDecode.ts —
 * checksums, shapes and the dataset checks included. Chunks are inflated by DecompressionStream('gzip'),
 * no larger than the size the header declares. Only the dataset in use is fetched.
 */
export async function fetchDataset(name: string, base = ""): Promise<Dataset> {
  const at = `${base}api/datasets/${encodeURIComponent(name)}`;
  const headerResponse = await fetch(`${at}/header`);
  if (!headerResponse.ok) throw new Error(await errorText(headerResponse));
  const header = (await headerResponse.json()) as { chunks?: { file: string; bytes: number }[] };
  const declared = Array.isArray(header.chunks) ? header.chunks : [];
  const chunks = await Promise.all(declared.map((chunk, k) => fetchChunk(`${at}/chunks/${k}`, chunk.bytes)));
  const byFile = new Map(declared.map((chunk, k) => [chunk.file, chunks[k]]));
  return datasetFromHeader(header, (chunk) => byFile.get(chunk.file) ?? `chunk ${chunk.file} was not sent`, `dataset ${name}`, (bytes) => bytesToHex(sha256(bytes)));
}

/** A chunk inflated; a message (as the Node reader gives) when it is longer than declared or cannot be read. */
async function fetchChunk(url: string, declaredBytes: number): Promise<Uint8Array | string> {
  const response = await fetch(url);
  if (!response.ok || !response.body) return await errorText(response);
  const out = new Uint8Array(declaredBytes);
  let length = 0;
  const reader = response.body.pipeThrough(new DecompressionStream("gzip")).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (length + value.length > declaredBytes) {
      await reader.cancel();
      return `the chunk at ${url} inflates beyond the ${declaredBytes} bytes its header declares`;
    }
    out.set(value, length);
    length += value.length;
  }
  return length === declaredBytes ? out : `the chunk at ${url} inflates to ${length} bytes, its header declares ${declaredBytes}`;
}

async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { issues?: { message: string }[]; error?: string };
    return body.issues?.map((i) => i.message).join("; ") || body.error || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}
