import { defineConfig } from "vite";

// The dashboard: built by `npm run build:web` into dist/web, which `tradewinds serve` serves.
// React's automatic JSX runtime through Vite's built-in esbuild (no React plugin needed). The solver
// worker (src/worker/solver.worker.ts) is an ES-module worker bundling the library's pipeline.
/** zod's sources carry PURE annotations where Rollup cannot use them; it says so at every build. */
const quiet = {
  onwarn(warning: { code?: string; id?: string }, warn: (w: never) => void) {
    if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("node_modules/zod")) return;
    warn(warning as never);
  },
};

export default defineConfig({
  root: __dirname,
  base: "./",
  esbuild: { jsx: "automatic" },
  worker: { format: "es" },
  build: { outDir: "../dist/web", emptyOutDir: true, chunkSizeWarningLimit: 2000, rollupOptions: quiet },
  server: { proxy: { "/api": "http://127.0.0.1:8080", "/openapi.json": "http://127.0.0.1:8080" } },
});
