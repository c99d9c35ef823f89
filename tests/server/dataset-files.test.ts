import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listEmbeddedDatasets, loadDataset } from "../../src/data/load.js";
import { buildServer, type TradewindsServer } from "../../src/server/app.js";
import { httpMessage } from "../../src/server/errors.js";
import { fetchDataset } from "../../web/src/worker/fetchDataset.js";

/**
 * GET /api/datasets/<name>/header and …/chunks/<k>: the embedded datasets' files by dataset name, for
 * the dashboard's in-browser solves. Decoded by the worker's own loader (fetch + DecompressionStream +
 * the library's binaryDecode.ts), a dataset equals what loadDataset reads from disk; names that are not
 * embedded datasets (paths, prototype names) and chunks that do not exist answer 404 with the message.
 */
let app: TradewindsServer;
let url: string;

beforeAll(async () => {
  app = await buildServer({ dataDir: mkdtempSync(join(tmpdir(), "tradewinds-files-")), webDir: "/nonexistent" });
  url = await app.listen({ port: 0, host: "127.0.0.1" });
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe("the embedded dataset files", () => {
  it("world-2023 and gtap-2007 fetched and decoded as the browser does equal loadDataset's", async () => {
    for (const name of ["world-2023", "gtap-2007"]) {
      const fetched = await fetchDataset(name, `${url}/`);
      expect(fetched).toEqual(loadDataset(name));
    }
  }, 60_000);

  it("answers 404 naming the embedded datasets for other names, and for chunks that do not exist", async () => {
    const known = listEmbeddedDatasets();
    for (const name of ["nope", "..%2Fpackage.json", "__proto__", "constructor", "world-2023.json"]) {
      const res = await fetch(`${url}/api/datasets/${name}/header`);
      expect(res.status, name).toBe(404);
      const body = (await res.json()) as { issues: { message: string }[] };
      expect(body.issues[0].message).toBe(httpMessage.noDatasetFiles(decodeURIComponent(name), known));
    }
    for (const index of ["1", "-1", "0x0", "99999"]) {
      const res = await fetch(`${url}/api/datasets/world-2023/chunks/${index}`);
      expect(res.status, index).toBe(404);
      const body = (await res.json()) as { issues: { message: string }[] };
      expect(body.issues[0].message).toBe(httpMessage.noDatasetChunk("world-2023", index, 1));
    }
  });
});
