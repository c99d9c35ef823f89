import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * The dashboard's worker runs the library's own pipeline (one code base): the modules it imports must
 * load in a browser, i.e. reach no Node built-in (node:fs, node:zlib, …) through any import. esbuild
 * bundles them for the browser platform and reports every Node import it would need.
 */
const PURE_ENTRIES = ["src/runOnDataset.ts", "src/scenario/validate.ts", "src/data/binaryDecode.ts", "src/scenario/jsonSchema.ts", "src/models/available.ts"];

describe("the browser's part of the library", () => {
  it("runOnDataset, validate, binaryDecode, the JSON Schema and every model import no Node built-in", async () => {
    const result = await build({
      stdin: { contents: PURE_ENTRIES.map((f) => `export * from "./${f}";`).join("\n"), resolveDir: process.cwd(), loader: "ts" },
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
      external: ["node:*"],
    });
    const nodeImports = Object.entries(result.metafile.inputs).flatMap(([file, input]) => input.imports.filter((i) => i.path.startsWith("node:")).map((i) => `${file} → ${i.path}`));
    expect(nodeImports).toEqual([]);
  }, 60_000);
});
