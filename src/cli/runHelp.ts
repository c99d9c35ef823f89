import { MODEL_STARTERS, shockExamples } from "../scenario/starterExamples.js";

/**
 * The text after `tradewinds run --help`: every model with its usual dataset and model section, and every
 * shock type with one example (scenario/starterExamples.ts; tests check both lists against the catalog
 * and the schema, and that each example validates).
 */
export function runHelpText(): string {
  const examples = shockExamples({ importer: "USA", exporter: "CHN", sector: "<sector>", schedule: "<tariff set>", covariate: "<covariate>" });
  const lines = ["", "Models (model.type), each with a dataset it runs on:"];
  for (const [type, starter] of Object.entries(MODEL_STARTERS)) {
    lines.push(`  ${type} — ${starter.about}`, `      dataset: ${starter.dataset}`, `      model: ${starter.model}`);
  }
  lines.push("", "Shock types (phases[].shocks[]), each with an example; `sectors` only on multi-sector datasets:");
  for (const [type, { example, what }] of Object.entries(examples)) lines.push(`  ${type} — ${what}`, `      - ${example}`);
  lines.push(
    "",
    "A starter scenario to edit: tradewinds init [--model <model>] [--dataset <dataset>]. The full format: tradewinds schema.",
    "Data of your own: dataset: ./flows.csv (exporter, importer, value[, sector, tariff]), or tradewinds import.",
  );
  return lines.join("\n") + "\n";
}
