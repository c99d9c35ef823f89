import { defineConfig } from "vite";

// The dashboard: built by `npm run build:web` into dist/web, which `tradewinds serve` serves.
// React's automatic JSX runtime through Vite's built-in esbuild (no React plugin needed). The solver
// worker (src/worker/solver.worker.ts) is an ES-module worker bundling the library's pipeline.
export default defineConfig({
  root: __dirname,
  base: "./",
  esbuild: { jsx: "automatic" },
  worker: { format: "es" },
  build: { outDir: "../dist/web", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { "/api": "http://127.0.0.1:8080", "/openapi.json": "http://127.0.0.1:8080" } },
});
