import { parentPort, workerData } from "node:worker_threads";
import { solveNamed, type PolicyName } from "./liberationDayPolicies.js";

/** One Liberation Day solve on a thread that has solved nothing before (support/offThread.ts). */
parentPort!.postMessage(solveNamed((workerData as { input: PolicyName }).input));
