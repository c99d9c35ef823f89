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

/**
 * Resource limits of the threads that solve many scenarios in a row (sweep draws, bloc member sets): a
 * young generation of 64 MB instead of V8's default for a worker, so each phase's report objects die young
 * instead of being promoted and marked by full collections on the garbage collector's helper threads —
 * which, with one solving thread per core, take the other solver's core (bench/sweep.ts: a run's total
 * CPU −15%).
 */
export const SOLVER_THREAD_LIMITS = { maxYoungGenerationSizeMb: 64 } as const;
