import { mkdtempSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildServer, type ServerOptions, type TradewindsServer } from "../../src/server/app.js";

/** The fake model and dataset as a catalog module (tests/support/fakeCatalog.ts). */
export const fakeCatalogModule = fileURLToPath(new URL("./fakeCatalog.ts", import.meta.url));

/** The same catalog, slow to load (tests/support/slowCatalog.ts): for the replacement-thread test. */
export const slowCatalogModule = fileURLToPath(new URL("./slowCatalog.ts", import.meta.url));

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "tradewinds-server-"));
}

/** A server listening on a loopback port; `close()` stops it and closes its store. */
export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<{ app: TradewindsServer; url: string; dataDir: string }> {
  const dataDir = options.dataDir ?? tempDataDir();
  const app = await buildServer({ catalogModule: fakeCatalogModule, webDir: "/nonexistent", ...options, dataDir });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { app, url, dataDir };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; headers: Headers; json: any }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

export async function getJson(url: string): Promise<{ status: number; json: any }> {
  const res = await fetch(url);
  return { status: res.status, json: await res.json() };
}

/** A request with a chosen Host header (fetch does not let one set it). */
export function requestWithHost(url: string, host: string, path = "/api/health"): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: "GET", headers: { host } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}
