#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (the `prepare` script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error("tradewinds: dist/ is missing. Run `npm ci` (or `npm run build`) in the repository root first.");
  process.exit(2);
}
const { main, endQuietlyWhenOutputCloses } = await import(entry.href);
endQuietlyWhenOutputCloses();
process.exitCode = await main(process.argv);
