/**
 * Sweep engines (figures printed, never asserted): draws of examples/japan-2025.yaml (its uncertainty
 * section: ε log-normal, mean 4, cv 25%; 5 phases × 194 countries per draw), solved
 *   local-1, local-2   the worker-thread pool with 1 and 2 threads;
 *   dist-1, dist-2     the distributed engine: a redis-server on a loopback port and 1 or 2
 *                      `tradewinds worker --threads 1` processes on this machine.
 * Each is the wall time of runSweep (prepare, solve, store in DuckDB; threads and workers start cold:
 * workers are started before and their first chunk pays their module and dataset loading, like the
 * pool's threads). Prints draws/s, speed-ups and the distributed overhead against the local run of the
 * same parallelism, and the load average around each run (the machine is shared).
 * Besides wall time, the CPU time the run used (this process and its threads, plus the worker processes'
 * CPU during the run, from /proc/<pid>/stat): on a shared machine the wall time follows the load, the CPU
 * seconds per draw much less, so the distributed overhead shows in them.
 * Engines may repeat (e.g. local-1,dist-1,local-1,dist-1, interleaved against drifting load): ratios use
 * each engine's median time.
 *   BENCH_SWEEP_DRAWS=1000 (default)  BENCH_SWEEP_ENGINES=local-1,dist-1,local-2,dist-2 (default)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { distributedEngine } from "../src/sweep/distributed/coordinator.js";
import { readSweepFile } from "../src/sweep/readSweepFile.js";
import { localEngine, runSweep, type SweepEngine } from "../src/sweep/runSweep.js";
import { workerFile } from "../src/util/workerFile.js";
import { startRedis } from "../tests/support/redisServer.js";
import { median } from "./timing.js";

const draws = Number(process.env.BENCH_SWEEP_DRAWS ?? 1000);
const engines = (process.env.BENCH_SWEEP_ENGINES ?? "local-1,dist-1,local-2,dist-2").split(",");
const dir = mkdtempSync(join(tmpdir(), "tw-bench-sweep-"));
writeFileSync(join(dir, "japan-2025.yaml"), readFileSync("examples/japan-2025.yaml", "utf8"));
writeFileSync(join(dir, "draws.yaml"), `name: bench\nscenario: japan-2025.yaml\ndimensions:\n  - { name: draw, draws: ${draws} }\n`);
const request = readSweepFile(join(dir, "draws.yaml"));
const load = () => loadavg().map((x) => x.toFixed(2)).join(" ");

console.log(`Sweep engines: ${draws} draws of examples/japan-2025.yaml (5 phases × 194 countries each), ${cpus().length} cores; load average (1, 5, 15 min) at start: ${load()}`);
const redis = engines.some((e) => e.startsWith("dist")) ? await startRedis() : undefined;
const seconds = new Map<string, number[]>();

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s). */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100;
const cpuSeconds = new Map<string, number[]>();

function startWorkers(count: number): ChildProcess[] {
  const { execArgv } = workerFile(import.meta.url, "x");
  return Array.from({ length: count }, () =>
    spawn(process.execPath, [...execArgv, "tests/support/cliEntry.ts", "worker", "--redis", redis!.url, "--threads", "1"], { stdio: ["ignore", "ignore", "inherit"] }),
  );
}

for (const name of engines) {
  const [kind, n] = name.split("-");
  const count = Number(n);
  let workers: ChildProcess[] = [];
  let engine: SweepEngine;
  if (kind === "local") engine = localEngine(count);
  else {
    workers = startWorkers(count);
    engine = distributedEngine({ redis: redis!.url, log: () => undefined });
  }
  if (workers.length) await new Promise((r) => setTimeout(r, 3000)); // let the workers finish starting before their CPU is read
  const workersBefore = workers.map((w) => processCpuSeconds(w.pid!));
  const before = load();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const summary = await runSweep(request, { storeFile: join(dir, `${name}-${seconds.get(name)?.length ?? 0}`, "sweeps.duckdb"), engine });
  const s = (performance.now() - start) / 1000;
  seconds.set(name, [...(seconds.get(name) ?? []), s]);
  const own = process.cpuUsage(cpuStart);
  const cpu = (own.user + own.system) / 1e6 + workers.reduce((sum, w, k) => sum + processCpuSeconds(w.pid!) - workersBefore[k], 0);
  cpuSeconds.set(name, [...(cpuSeconds.get(name) ?? []), cpu]);
  for (const w of workers) w.kill("SIGTERM");
  await Promise.all(workers.map((w) => new Promise((r) => w.once("exit", r))));
  console.log(
    `${name.padEnd(8)} ${s.toFixed(1).padStart(8)} s  ${(draws / s).toFixed(2).padStart(7)} draws/s  CPU ${((1000 * cpu) / draws).toFixed(1)} ms/draw  (${summary.counts.converged} converged, ${summary.counts.failed} failed)  load before ${before}, after ${load()}`,
  );
}
await redis?.stop();

const time = (name: string) => median(seconds.get(name)!);
const ratio = (a: string, b: string, text: string) => {
  if (seconds.has(a) && seconds.has(b)) console.log(`${text}: ${(time(a) / time(b)).toFixed(2)}`);
};
ratio("local-1", "local-2", "speed-up local 1 → 2 threads");
ratio("dist-1", "dist-2", "speed-up distributed 1 → 2 workers (goal ≥ 1.8)");
ratio("dist-1", "local-1", "distributed 1 worker ÷ local 1 thread (overhead = this − 1; goal < 0.10)");
ratio("dist-2", "local-2", "distributed 2 workers ÷ local 2 threads");
const cpuRatio = (a: string, b: string, text: string) => {
  if (cpuSeconds.has(a) && cpuSeconds.has(b)) console.log(`${text}: ${(median(cpuSeconds.get(a)!) / median(cpuSeconds.get(b)!)).toFixed(2)}`);
};
cpuRatio("dist-1", "local-1", "CPU time, distributed 1 worker ÷ local 1 thread");
cpuRatio("dist-2", "local-2", "CPU time, distributed 2 workers ÷ local 2 threads");
