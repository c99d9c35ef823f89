import { readFileSync, readdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { DatasetFile } from "../src/data/format.js";
import { SHARED_DATA } from "./support/sharedData.js";

/**
 * The committed datasets in data/ are exactly what the build scripts derive from ../shared/data
 * (`npm run build:data`): no hand edits, no stale files.
 */
const builders = readdirSync("scripts/datasets").filter((f) => /^[a-z][a-z0-9-]*-\d+\.ts$/.test(f));

describe.each(builders)("scripts/datasets/%s", (file) => {
  it("derives the committed data file from ../shared/data, byte for byte", async () => {
    const name = file.slice(0, -3);
    const module = (await import(pathToFileURL(resolve("scripts/datasets", file)).href)) as { build: (dir: string) => DatasetFile };
    const built = JSON.stringify(module.build(SHARED_DATA)) + "\n";
    expect(built === readFileSync(`data/${name}.json`, "utf8"), `data/${name}.json differs from its build; run npm run build:data`).toBe(true);
  });
});
