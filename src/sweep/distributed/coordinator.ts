import type { SweepEngine } from "../runSweep.js";
export function distributedEngine(_options: { redis: string; chunk?: number; log: (line: string) => void }): SweepEngine {
  throw new Error("not yet");
}
