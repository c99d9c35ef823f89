/**
 * `npx tsx bench/processes.ts`: what users wait for — whole `tradewinds` processes, each against a bare
 * `node -e 0` started in the same run (interleaved, so load on the machine hits both alike). Prints the
 * median wall and CPU time (user + system, all threads, read at exit by bench/support/cpu-at-exit.cjs)
 * over BENCH_RUNS runs (default 7) and the ratios to `node -e 0`.
 *
 * BENCH_BASELINE_CLI=<path to another checkout's bin/tradewinds.js> also runs every command with that
 * build, interleaved, and prints before/now ratios (e.g. the main branch before a change).
 * BENCH_ONLY=<substring> runs only the cases whose label contains it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { median } from "./timing.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PRELOAD = resolve("bench/support/cpu-at-exit.cjs");
const CLI = resolve("bin/tradewinds.js");
const BASELINE = process.env.BENCH_BASELINE_CLI ? resolve(process.env.BENCH_BASELINE_CLI) : undefined;
const scratch = mkdtempSync(join(tmpdir(), "tradewinds-bench-"));

const CASES: { label: string; args: string[] }[] = [
  { label: "tradewinds --version", args: ["--version"] },
  { label: "tradewinds run examples/gegravity-can-jpn.yaml", args: ["run", "examples/gegravity-can-jpn.yaml"] },
  { label: "tradewinds run examples/cp-nafta.yaml", args: ["run", "examples/cp-nafta.yaml"] },
  { label: "tradewinds run examples/japan-2025.yaml", args: ["run", "examples/japan-2025.yaml"] },
  { label: "tradewinds run examples/japan-2025-sectors.yaml", args: ["run", "examples/japan-2025-sectors.yaml"] },
  { label: "tradewinds estimate examples/estimate/ag-ch1-rta-lags.yaml", args: ["estimate", "examples/estimate/ag-ch1-rta-lags.yaml"] },
].filter((c) => !process.env.BENCH_ONLY || c.label.includes(process.env.BENCH_ONLY));

interface Sample {
  wall: number[];
  cpu: number[];
}

/** Runs `node <args>` once; returns wall ms and the CPU ms the preload recorded. */
function runOnce(args: string[], sample: Sample): void {
  const cpuFile = join(scratch, "cpu");
  writeFileSync(cpuFile, "");
  const start = performance.now();
  const result = spawnSync(process.execPath, ["--require", PRELOAD, ...args], { env: { ...process.env, BENCH_CPU_FILE: cpuFile }, stdio: ["ignore", "ignore", "pipe"] });
  sample.wall.push(performance.now() - start);
  if (result.status !== 0 && result.status !== 3) throw new Error(`node ${args.join(" ")} exited with ${result.status}: ${result.stderr}`);
  sample.cpu.push(Number(readFileSync(cpuFile, "utf8").trim().split("\n")[0]));
}

const fmt = (ms: number) => ms.toFixed(0).padStart(7);
console.log(`Whole processes, median of ${RUNS} interleaved runs (wall ms / CPU ms; CPU counts every thread). The machine's load shows in the wall times.`);
for (const { label, args } of CASES) {
  const bare: Sample = { wall: [], cpu: [] };
  const now: Sample = { wall: [], cpu: [] };
  const before: Sample = { wall: [], cpu: [] };
  runOnce([CLI, ...args], now); // warm the file cache
  for (let r = 0; r < RUNS; r++) {
    runOnce(["-e", "0"], bare);
    runOnce([CLI, ...args], now);
    if (BASELINE) runOnce([BASELINE, ...args], before);
  }
  const [bw, bc, nw, nc] = [median(bare.wall), median(bare.cpu), median(now.wall), median(now.cpu)];
  let line = `${label}\n  node -e 0 ${fmt(bw)} /${fmt(bc)}   now ${fmt(nw)} /${fmt(nc)}   now ÷ node -e 0: ${(nw / bw).toFixed(1)}× wall, ${(nc / bc).toFixed(1)}× CPU`;
  if (BASELINE) {
    const [ow, oc] = [median(before.wall), median(before.cpu)];
    line += `\n  baseline ${fmt(ow)} /${fmt(oc)}   baseline ÷ node -e 0: ${(ow / bw).toFixed(1)}× wall, ${(oc / bc).toFixed(1)}× CPU   baseline ÷ now: ${(ow / nw).toFixed(2)}× wall, ${(oc / nc).toFixed(2)}× CPU`;
  }
  console.log(line);
}
rmSync(scratch, { recursive: true, force: true });
