import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/**
 * A worker module beside `callerUrl` and the Node options it needs. Built (dist/), the worker is
 * `<name>.js`; run from the TypeScript sources (vitest, tsx), it is `<name>.ts`, loaded with tsx's
 * loader registered in the thread through `--import`.
 */
export function workerFile(callerUrl: string, name: string): { filename: string; execArgv: string[] } {
  const fromSource = callerUrl.endsWith(".ts");
  const filename = new URL(`./${name}.${fromSource ? "ts" : "js"}`, callerUrl).href;
  if (!fromSource) return { filename, execArgv: [] };
  const tsxPackage = createRequire(callerUrl).resolve("tsx/package.json");
  const loader = (JSON.parse(readFileSync(tsxPackage, "utf8")) as { exports: Record<string, string> }).exports["."];
  return { filename, execArgv: ["--import", pathToFileURL(join(dirname(tsxPackage), loader)).href] };
}
