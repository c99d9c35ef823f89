/**
 * Benchmark of the PPML-HDFE estimator on the full Advanced Guide panel
 * (`../shared/data/advanced-guide/Chapter1Application3_with_rta_lags.csv`: 69 countries, 1986–2006
 * annual, 99,981 rows incl. domestic flows), as the number of fixed effects grows:
 *
 *   two-way         exporter + importer                                  (~138 levels)
 *   time-varying    exporter#year + importer#year                        (~2,900 levels)
 *   pair            exporter#year + importer#year + pair_id_2            (~5,300 levels)
 *
 * Model: trade ~ rta + rta_lag4 + rta_lag8 + rta_lag12, cluster pair_id. Each configuration runs in
 * its own child process so that its peak RSS (`process.resourceUsage().maxRSS`) is its own; the time is
 * the median of 3 fits after reading the CSV (reading is timed separately).
 *
 * Usage: npx tsx bench/ppml.ts            (prints the table)
 *        npx tsx bench/ppml.ts <config>   (one configuration, prints one JSON line)
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseEstimationSpec } from "../src/estimation/estimationSpec.js";
import { fitPpml } from "../src/estimation/fitPpml.js";
import { readFrame } from "../src/estimation/frame.js";

const DATA = path.resolve(process.cwd(), "../shared/data/advanced-guide/Chapter1Application3_with_rta_lags.csv");
const REPEATS = 3;

const CONFIGURATIONS: Record<string, (string | string[])[]> = {
  "two-way": ["exporter", "importer"],
  "time-varying": [["exporter", "year"], ["importer", "year"]],
  pair: [["exporter", "year"], ["importer", "year"], "pair_id_2"],
};

interface Measurement {
  config: string;
  rows: number;
  levels: number;
  readMs: number;
  fitMedianMs: number;
  iterations: number;
  innerSweeps: number;
  peakRssMb: number;
  retainedArrayBuffersMb: number;
  converged: boolean;
}

function runOne(config: string): Measurement {
  const started = performance.now();
  const frame = readFrame(DATA);
  const readMs = performance.now() - started;
  const spec = parseEstimationSpec(
    {
      derive: [{ name: "pair_id_2", pool: { column: "pair_id", when: "same", columns: ["exporter", "importer"], level: 0 } }],
      outcome: "trade",
      regressors: ["rta", "rta_lag4", "rta_lag8", "rta_lag12"],
      fixedEffects: CONFIGURATIONS[config],
      vcov: { type: "cluster", cluster: "pair_id" },
    },
    `bench ${config}`,
  );
  const baseline = process.memoryUsage().arrayBuffers;
  const times: number[] = [];
  let result = fitPpml(frame, spec, { onNotConverged: "return" });
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    result = fitPpml(frame, spec, { onNotConverged: "return" });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    config,
    rows: result.value.observations.used,
    levels: result.value.fixedEffectFactors.reduce((sum, f) => sum + f.levelCount, 0),
    readMs,
    fitMedianMs: times[Math.floor(REPEATS / 2)],
    iterations: result.iterations,
    innerSweeps: result.value.innerSweeps,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    retainedArrayBuffersMb: (process.memoryUsage().arrayBuffers - baseline) / 2 ** 20,
    converged: result.converged,
  };
}

const requested = process.argv[2];
if (requested) {
  process.stdout.write(JSON.stringify(runOne(requested)) + "\n");
} else {
  const self = fileURLToPath(import.meta.url);
  const rows = Object.keys(CONFIGURATIONS).map((config) => {
    const output = execFileSync(process.execPath, ["--import", "tsx", self, config], { encoding: "utf8" });
    return JSON.parse(output.trim().split("\n").pop() ?? "{}") as Measurement;
  });
  const header = ["config", "rows used", "FE levels", "read s", "fit s (median of 3)", "IRLS it.", "sweeps", "peak RSS MB", "retained buffers MB", "converged"];
  const table = rows.map((m) => [
    m.config,
    String(m.rows),
    String(m.levels),
    (m.readMs / 1000).toFixed(2),
    (m.fitMedianMs / 1000).toFixed(2),
    String(m.iterations),
    String(m.innerSweeps),
    m.peakRssMb.toFixed(0),
    m.retainedArrayBuffersMb.toFixed(1),
    String(m.converged),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c].length)));
  const line = (cells: string[]): string => cells.map((cell, c) => cell.padStart(widths[c])).join("  ");
  console.log(line(header));
  for (const row of table) console.log(line(row));
}
