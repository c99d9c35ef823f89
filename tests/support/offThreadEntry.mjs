// Entry of support/offThread.ts's worker threads: tsx's loader first, then the TypeScript module.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.module);
