/**
 * The fake catalog (fakeCatalog.ts) behind a slow start: importing this module busy-waits LOAD_MS
 * first, as loading a large library in a fresh thread would. The server test of replacement threads
 * loads it as its catalog module, so every new solve thread takes LOAD_MS to become ready.
 */
export const LOAD_MS = 3000;

const until = Date.now() + LOAD_MS;
while (Date.now() < until) {
  /* spin: a CPU-bound stand-in for loading modules and data */
}

export { catalog, datasets, fakeScenario } from "./fakeCatalog.js";
