#!/usr/bin/env node
// Thin launcher: `npm ci` (the `prepare` script) compiles the CLI to dist/ and bundles it into dist/bundle
// (scripts/bundle-cli.mjs: a faster start); the bundle runs when it is there, else the compiled modules.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
const bundled = new URL("../dist/bundle/main.js", import.meta.url);
const compiled = new URL("../dist/cli/main.js", import.meta.url);
const entry = [bundled, compiled].find((url) => existsSync(fileURLToPath(url)));
if (!entry) {
  console.error("tradewinds: dist/ is missing. Run `npm ci` (or `npm run build`) in the repository root first.");
  process.exit(2);
}
const { main, endQuietlyWhenOutputCloses } = await import(entry.href);
endQuietlyWhenOutputCloses();
process.exitCode = await main(process.argv);
