import { Worker } from "node:worker_threads";

/**
 * Runs a long computation of a test on a worker thread (tests/support/<name>.ts, which posts its result),
 * so the test process's event loop stays free: vitest's worker answers its parent there, and a synchronous
 * block of more than 60 s — a loaded two-core machine stretches the 30-s tariff war to 90 s — ends the
 * run with "Timeout calling onTaskUpdate" although every test passed. The thread's entry is JavaScript
 * that registers tsx's loader (tsx/esm/api) and then imports the TypeScript module.
 */
export function runOffThread<T>(name: string, input: unknown): Promise<T> {
  const module = new URL(`./${name}.ts`, import.meta.url).href;
  const entry = new URL("./offThreadEntry.mjs", import.meta.url);
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(entry, { workerData: { module, input } });
    worker.once("message", (result: T) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`worker ${name} exited with ${code}`)));
  });
}
