import { defineConfig } from "vite";

// The dashboard: built by `npm run build:web` into dist/web, which `tradewinds serve` serves.
// React's automatic JSX runtime through Vite's built-in esbuild (no React plugin needed).
export default defineConfig({
  root: __dirname,
  base: "./",
  esbuild: { jsx: "automatic" },
  build: { outDir: "../dist/web", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { "/api": "http://127.0.0.1:8080", "/openapi.json": "http://127.0.0.1:8080" } },
});
