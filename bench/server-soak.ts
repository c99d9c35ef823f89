/**
 * Server memory over many runs (figures printed, never asserted; the suite's short version is
 * tests/server-soak.test.ts). The built server (`node bin/tradewinds.js serve`, as a user runs it) in
 * its own process answers RUNS direct POST /api/runs of one example, CONCURRENCY at a time, each
 * followed by the GET of its stored result; every STEP runs this prints the server process's RSS
 * (all its threads, from /proc/<pid>/status) and its peak so far.
 *   BENCH_SOAK_EXAMPLE (default gegravity-can-jpn), BENCH_SOAK_RUNS (default 1000),
 *   BENCH_SOAK_CONCURRENCY (default 2), BENCH_SOAK_STEP (default 100)
 *   npx tsx bench/server-soak.ts
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const example = process.env.BENCH_SOAK_EXAMPLE ?? "gegravity-can-jpn";
const RUNS = Number(process.env.BENCH_SOAK_RUNS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_SOAK_CONCURRENCY ?? 2);
const STEP = Number(process.env.BENCH_SOAK_STEP ?? 100);
const scenario = readFileSync(`examples/${example}.yaml`, "utf8");

if (!existsSync(new URL("../dist/cli/main.js", import.meta.url))) {
  console.log("dist/ is missing: run `npm ci` (or `npm run build`) first");
  process.exit(1);
}

/** The server process's resident memory, MB (Linux /proc). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

const dataDir = mkdtempSync(join(tmpdir(), "tradewinds-soak-"));
const server = spawn(process.execPath, ["bin/tradewinds.js", "serve", "--port", "0", "--data-dir", dataDir, "--concurrency", String(CONCURRENCY)], { stdio: ["ignore", "ignore", "pipe"] });
const url = await new Promise<string>((resolve, reject) => {
  createInterface({ input: server.stderr! }).on("line", (line) => {
    const match = /at (http:\/\/\S+) /.exec(line);
    if (match) resolve(match[1]);
  });
  server.once("exit", (code) => reject(new Error(`the server exited with ${code}`)));
});
console.log(`${example}: ${RUNS} runs, ${CONCURRENCY} at a time, server pid ${server.pid}`);
let peak = 0;
function sample(label: string): number {
  const rss = rssMb(server.pid!);
  peak = Math.max(peak, rss);
  console.log(`${label.padStart(8)}  RSS ${rss.toFixed(0).padStart(5)} MB   peak ${peak.toFixed(0).padStart(5)} MB`);
  return rss;
}

async function runOnce(): Promise<void> {
  const res = await fetch(`${url}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario }) });
  const body = (await res.json()) as { result?: { id: string } };
  if (res.status !== 200 || !body.result) throw new Error(`run answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  await (await fetch(`${url}/api/results/${body.result.id}`)).arrayBuffer();
}

const start = sample("start");
// Warm-up: the first runs load the dataset in every thread.
for (let k = 0; k < 10; k++) await Promise.all(Array.from({ length: CONCURRENCY }, runOnce));
const warm = sample("warm");
const t0 = performance.now();
let done = 0;
let last = warm;
const window: number[] = [];
while (done < RUNS) {
  const batch = Math.min(CONCURRENCY, RUNS - done);
  await Promise.all(Array.from({ length: batch }, runOnce));
  done += batch;
  if (done % STEP === 0 || done === RUNS) window.push((last = sample(`${done}`)));
}
const seconds = (performance.now() - t0) / 1000;
const half = window.slice(Math.floor(window.length / 2));
console.log(`${RUNS} runs in ${seconds.toFixed(1)} s (${((1000 * seconds) / RUNS).toFixed(0)} ms a run)`);
console.log(
  `RSS: start ${start.toFixed(0)} MB, after warm-up ${warm.toFixed(0)} MB, end ${last.toFixed(0)} MB, peak ${peak.toFixed(0)} MB; ` +
    `growth after warm-up ${(last - warm).toFixed(0)} MB (${((1024 * (last - warm)) / RUNS).toFixed(1)} KB a run); second half max − min ${(Math.max(...half) - Math.min(...half)).toFixed(0)} MB`,
);
server.kill("SIGTERM");
await new Promise((resolve) => server.once("exit", resolve));
rmSync(dataDir, { recursive: true, force: true });
