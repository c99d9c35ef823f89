import type { Dataset } from "../data/dataset.js";
import { largestEconomies } from "./normalize.js";
import { MODEL_STARTERS, shockExamples, type StarterContext } from "./starterExamples.js";

/** Starter scenarios for `tradewinds init`: valid, commented, on the dataset's own countries (tests validate and run them). */

/** The context of a dataset: its two largest economies, a traded sector, its first tariff set and covariate. */
export function starterContext(data: Dataset): StarterContext {
  const [importer, exporter] = largestEconomies(data, 2);
  const sector = data.sectors.length > 1 ? (data.sectors.find((s) => s.tradable) ?? data.sectors[0]).code : undefined;
  return { importer, exporter: exporter ?? importer, sector, schedule: Object.keys(data.tariffs)[0], covariate: Object.keys(data.covariates)[0] };
}

export interface StarterOptions {
  model: string;
  /** The dataset as the scenario names it (an embedded name or a path). */
  dataset: string;
  /** Shock types the model takes (its catalog entry). */
  shocks: string[];
  /** Model section (YAML flow) when the model has no starter of its own, or to replace it. */
  modelSection?: string;
  /** Whether the model takes export taxes (its catalog entry's dealCapabilities); without, an export restriction's rent goes to the importer. */
  exportTaxes?: boolean;
}

/** A commented starter scenario: one tariff phase on the dataset's two largest economies, the model's other shock types as commented examples. */
export function starterScenario(data: Dataset, options: StarterOptions): string {
  const x = starterContext(data);
  const examples = shockExamples(x, { exportTaxes: options.exportTaxes ?? true });
  const modelSection = options.modelSection ?? MODEL_STARTERS[options.model]?.model ?? `{ type: ${options.model} }`;
  const others = options.shocks.filter((type) => type !== "tariff");
  return [
    "# A Tradewinds scenario, written by `tradewinds init`. Run it:  tradewinds run <this file>",
    "# Every key is checked (a typo is an error, never ignored): `tradewinds validate <this file>` checks it",
    "# without solving, `tradewinds schema` prints the full format, `tradewinds run --help` the models and shocks.",
    "name: My first scenario",
    "description: >",
    `  What ${x.importer}'s 10% tariff on ${x.exporter} does, in the ${options.model} model.`,
    "",
    "# The data: an embedded dataset (`tradewinds datasets` lists them), or a file named by a path relative",
    "# to this file — a flows table (.csv, .parquet) or a dataset from `tradewinds import` (.json).",
    `dataset: ${options.dataset}`,
    "",
    "# The model and its parameters; each model checks its own (`tradewinds run --help` lists the models).",
    `model: ${modelSection}`,
    "",
    "# Rows of the result tables: countries or groups (default: the largest economies).",
    `report: { countries: [${[...new Set([x.importer, x.exporter])].join(", ")}] }`,
    "",
    "# Phases: policy states, each solved against the same baseline; a phase keeps the shocks of the one",
    "# before it (inherit: false starts afresh). Rates are shares (0.1) or percent strings (\"10%\").",
    "phases:",
    "  - name: tariff",
    `    description: ${x.importer} sets a 10% tariff on imports from ${x.exporter}.`,
    "    shocks:",
    `      - ${examples.tariff.example}`,
    ...(others.length ? ["      # Other shocks this model takes (remove the # to use one):"] : []),
    ...others.map((type) => {
      const example = examples[type];
      return example?.example ? `      # - ${example.example}   # ${example.what}` : `      # (${type}: ${example?.what ?? "see `tradewinds schema`"} — this dataset has nothing to apply it to)`;
    }),
    "",
  ].join("\n");
}
