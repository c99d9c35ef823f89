import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildDataset } from "../scripts/datasets/buildOne.js";
import { loadDatasetFile } from "../src/data/load.js";
import { SHARED_DATA } from "./support/sharedData.js";

/**
 * The committed datasets in data/ are exactly what the build scripts derive from ../shared/data
 * (`npm run build:data`): no hand edits, no stale files. The header holds the SHA-256 of every array's
 * uncompressed bytes, so equal header text means equal numbers; loading the committed files checks
 * that the committed chunks match those checksums.
 */
const builders = readdirSync("scripts/datasets").filter((f) => /^[a-z][a-z0-9-]*-\d+\.ts$/.test(f));
/** The largest build (wiod-2014: a dense 2,200-unknown calibration solve) on a loaded 2-core machine. */
const BUILD_TIMEOUT_MS = 120_000;

describe.each(builders)("scripts/datasets/%s", (file) => {
  it(
    "derives the committed header (with the checksums of every array) from ../shared/data, byte for byte, and the committed chunks match it",
    async () => {
      const name = file.slice(0, -3);
      const built = await buildDataset(name, SHARED_DATA);
      expect(built.headerText === readFileSync(`data/${name}.json`, "utf8"), `data/${name}.json differs from its build; run npm run build:data`).toBe(true);
      expect(() => loadDatasetFile(`data/${name}.json`)).not.toThrow();
    },
    BUILD_TIMEOUT_MS,
  );
});
