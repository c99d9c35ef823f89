// The CLI as one bundle (issue 16, cold start): `node scripts/bundle-cli.mjs [outdir]` (default dist/bundle),
// run by `npm run build` and `prepare`; bin/tradewinds.js starts it when it is there. Node's ES-module loader
// spends most of a short command's start resolving and reading files — about 285 of them for `tradewinds run`,
// 95 of those zod's — so bundling the sources and the pure-JavaScript packages into a few chunks saves ~55 ms
// of every command (bench/processes.ts). The worker threads' entries are bundled beside the CLI, so that
// workerFile() finds them as siblings (chunks stay in the same folder for the same reason), and the folder is
// two levels under the package root, where data/load.ts looks for data/.
import { build } from "esbuild";
import { dirname, resolve } from "node:path";

const outdir = resolve(process.argv[2] ?? "dist/bundle");

/** Thread entries started by file name (util/workerFile.ts): each becomes `<outdir>/<name>.js`. */
const entryPoints = ["src/cli/main.ts", "src/strategy/blocWorker.ts", "src/sweep/sweepWorker.ts", "src/server/solveWorker.ts", "src/server/validateWorker.ts"];

/**
 * Packages left to Node: native code (DuckDB), packages that open their own files at run time (piscina starts
 * its worker script by path; BullMQ reads its Lua scripts from its folder; Chromium and playwright), the
 * server's (loaded by `serve` only), and tsx (tests' TypeScript catalogs only).
 */
const external = ["@duckdb/node-bindings", "@duckdb/node-bindings-*", "piscina", "bullmq", "ioredis", "@sparticuz/chromium", "playwright-core", "fastify", "@fastify/*", "tsx", "tsx/*"];

/**
 * zod re-exports all of its ~60 message locales as `z.locales` (and `core.locales`), so a bundle carries every one
 * of them although Tradewinds only ever uses the English messages zod registers by default: ~40% of zod's chunk,
 * parsed at the start of every command that validates input (~10 ms). The locales' index resolves to English only.
 */
const englishOnlyZodLocales = {
  name: "zod-english-locale-only",
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir) ? { path: resolve(args.resolveDir, "../locales/en.js"), namespace: "zod-locales" } : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: dirname(args.path) }));
  },
};

await build({
  entryPoints,
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  entryNames: "[name]",
  chunkNames: "chunk-[hash]",
  external,
  sourcemap: "linked",
  logLevel: "warning",
  plugins: [englishOnlyZodLocales],
  // CommonJS packages bundled into ES modules call require() for Node's built-ins.
  banner: { js: "import { createRequire as __tradewindsCreateRequire } from 'node:module'; const require = __tradewindsCreateRequire(import.meta.url);" },
});
