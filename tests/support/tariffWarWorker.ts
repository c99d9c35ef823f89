import { parentPort, workerData } from "node:worker_threads";
import { loadDataset } from "../../src/data/load.js";
import { runTariffWar, type TariffWarOptions } from "../../src/strategy/tariffWar.js";

/** `runTariffWar(loadDataset(dataset), options)` on a worker thread (support/offThread.ts). */
const { dataset, options } = (workerData as { input: { dataset: string; options: TariffWarOptions } }).input;
parentPort!.postMessage(runTariffWar(loadDataset(dataset), options));
