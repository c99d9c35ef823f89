/**
 * `npm run bench`: solve time of every example scenario (median of several runs after a warm-up),
 * then each bench/<area>.ts in turn. Figures are printed, never asserted.
 */
import { readFileSync, readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { runScenario } from "../src/run.js";
import { median, timeIt } from "./timing.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

console.log(`Example scenarios: median wall time of runScenario over ${RUNS} runs (after 1 warm-up), whole pipeline incl. calibration`);
console.log("example".padEnd(40) + "phases".padStart(8) + "median ms".padStart(12) + "per phase ms".padStart(14));
for (const file of readdirSync("examples").filter((f) => /\.(ya?ml|json)$/.test(f)).sort()) {
  const text = readFileSync(`examples/${file}`, "utf8");
  let phases = 0;
  let times: number[];
  try {
    times = timeIt(() => {
      phases = runScenario(text, { source: `examples/${file}` }).phases.length;
    }, RUNS);
  } catch (err) {
    console.log(file.padEnd(40) + `  failed: ${(err as Error).message.split("\n")[0]}`);
    continue;
  }
  const m = median(times);
  console.log(file.padEnd(40) + String(phases).padStart(8) + m.toFixed(1).padStart(12) + (m / phases).toFixed(1).padStart(14));
}

const only = process.argv.slice(2);
// bench/fuzz.ts (10⁵ fuzz cases, ~15 min) runs only when named: `npm run bench fuzz` or `npx tsx bench/fuzz.ts`.
for (const file of readdirSync("bench").filter((f) => f.endsWith(".ts") && !["run.ts", "timing.ts", "syntheticWorld.ts"].includes(f) && (f !== "fuzz.ts" || process.argv.includes("fuzz"))).sort()) {
  if (only.length && !only.some((o) => file.includes(o))) continue;
  console.log(`\n== bench/${file}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", `bench/${file}`], { stdio: "inherit" });
  if (r.status !== 0) console.log(`bench/${file} exited with ${r.status}`);
}
