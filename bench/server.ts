/**
 * HTTP API under a concurrent burst (figures printed, never asserted). The built server (dist/, as
 * `tradewinds serve` runs it; `npm ci` builds it) with its defaults — 2 solves at once, 32 waiting —
 * answers BURST simultaneous POST /api/runs of one example; the baseline is the same runs solved one
 * after another in this process by runScenario. Then a burst larger than the queue shows the 429 path.
 *   BENCH_SERVER_EXAMPLE (default liberation-day-case-1), BENCH_SERVER_BURST (default 20)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runScenario } from "../src/run.js";
import { median } from "./timing.js";

const example = process.env.BENCH_SERVER_EXAMPLE ?? "liberation-day-case-1";
const BURST = Number(process.env.BENCH_SERVER_BURST ?? 20);
const file = `examples/${example}.yaml`;
const scenario = readFileSync(file, "utf8");

const built = new URL("../dist/server/app.js", import.meta.url);
if (!existsSync(built)) {
  console.log("dist/server/app.js is missing: run `npm ci` (or `npm run build`) first");
  process.exit(1);
}
const { buildServer } = (await import(built.href)) as typeof import("../src/server/app.js");

// Baseline: the same runs, one after another, in this process (after one warm-up).
runScenario(scenario, { source: file });
let start = performance.now();
for (let k = 0; k < BURST; k++) runScenario(scenario, { source: file });
const sequentialMs = performance.now() - start;

const dataDir = mkdtempSync(join(tmpdir(), "tradewinds-bench-"));
const app = await buildServer({ dataDir, webDir: "/nonexistent" });
const url = await app.listen({ port: 0, host: "127.0.0.1" });
const post = async () => {
  const begin = performance.now();
  const res = await fetch(`${url}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario }) });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - begin };
};

const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
start = performance.now();
const answers = await Promise.all(Array.from({ length: BURST }, post));
const burstMs = performance.now() - start;
clearInterval(sampler);
const ok = answers.filter((a) => a.status === 200).map((a) => a.ms).sort((a, b) => a - b);
console.log(`${example}: ${BURST} runs`);
console.log(`  one after another in-process (baseline)     ${(sequentialMs / 1000).toFixed(2)} s (${(sequentialMs / BURST).toFixed(0)} ms a run)`);
console.log(`  burst of ${BURST} concurrent POST /api/runs       ${(burstMs / 1000).toFixed(2)} s, ${ok.length} answered 200, ratio to baseline ${(burstMs / sequentialMs).toFixed(2)}`);
console.log(`  latency median ${median(ok).toFixed(0)} ms, max ${ok.at(-1)?.toFixed(0)} ms; peak RSS growth ${((rssPeak - rssBefore) / 2 ** 20).toFixed(0)} MB (workers included: threads of this process)`);

// Over the bound: 2 solving + 32 waiting; the rest answer 429 at once with Retry-After.
const over = 40;
const overAnswers = await Promise.all(Array.from({ length: over }, post));
const byStatus = overAnswers.reduce<Record<number, number>>((acc, a) => ((acc[a.status] = (acc[a.status] ?? 0) + 1), acc), {});
console.log(`  burst of ${over} (bound 2 + 32): statuses ${JSON.stringify(byStatus)}`);

await app.close();
rmSync(dataDir, { recursive: true, force: true });
