/**
 * The cost of a scenario's size (figures printed, never asserted): normalizing P phases that each
 * inherit the previous one (schema-parsed directly, so SCENARIO_LIMITS do not stop them — this
 * measures the inheritance itself), and checking a 1 MiB YAML text of such phases as a request would
 * (parse, limits). Before the inheritance link (issue 15) normalize copied every inherited shock into
 * every phase: quadratic in P. Run with --expose-gc for the heap figures.
 *   node --expose-gc --import tsx bench/scenario-size.ts
 */
import { loadDataset } from "../src/data/load.js";
import { TradewindsInputError } from "../src/messages.js";
import { modelCatalog } from "../src/models/available.js";
import { normalizeScenario } from "../src/scenario/normalize.js";
import { scenarioSchema } from "../src/scenario/schema.js";
import { validateScenarioText } from "../src/scenario/validate.js";

const gc = (globalThis as { gc?: () => void }).gc;
const data = loadDataset("gegravity-2006");
const shock = { type: "tariff", importer: "USA", exporter: "JPN", add: 0 };

for (const P of [1000, 4000, 12_885]) {
  const input = scenarioSchema.parse({ name: "big", dataset: "gegravity-2006", model: { type: "gegravity" }, phases: Array.from({ length: P }, (_, k) => ({ name: `p${k}`, shocks: [shock] })) });
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const scenario = normalizeScenario(input, data, modelCatalog, "bench");
  const ms = performance.now() - t0;
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  console.log(`normalize ${P} inheriting phases: ${ms.toFixed(0)} ms, heap +${heapMb.toFixed(0)} MB${gc ? "" : " (no --expose-gc: heap figure includes garbage)"} (${scenario.phases.length} phases)`);
}

const lines = ["name: big", "dataset: gegravity-2006", "model: { type: gegravity }", "phases:"];
for (let k = 0, size = 0; size < 1024 * 1024 - 16_000; k++) {
  const line = `- { name: p${k}, shocks: [{ type: tariff, importer: USA, exporter: JPN, add: 0 }] }`;
  lines.push(line);
  size += line.length + 1;
}
const text = lines.join("\n");
const t0 = performance.now();
let outcome = "valid";
try {
  validateScenarioText(text, "bench");
} catch (err) {
  outcome = err instanceof TradewindsInputError ? `refused: ${err.issues[0].path}: ${err.issues[0].message}` : String(err);
}
console.log(`check of a ${(text.length / 2 ** 20).toFixed(2)} MiB text of ${lines.length - 4} phases: ${(performance.now() - t0).toFixed(0)} ms, ${outcome}`);
