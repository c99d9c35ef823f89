import type { Command } from "commander";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { TradewindsInputError, message } from "../../messages.js";
import { DEFAULT_STARTER_MODEL, MODEL_STARTERS } from "../../scenario/starterExamples.js";
import { checkOutputPath, writeOutput } from "../paths.js";

/** θ a starter gives the Caliendo–Parro model on data without trade elasticities (Simonovska & Waugh 2014's estimate is about 4). */
const STARTER_THETA = 4;

/** `tradewinds init [file] [--model …] [--dataset …]`: a commented starter scenario that validates and runs. */
export function registerInitCommand(program: Command): void {
  program
    .command("init")
    .description("Write a commented starter scenario (valid: it is checked before it is written)")
    .argument("[file]", 'the scenario file to write ("-" for standard output)', "scenario.yaml")
    .option("--model <model>", `the model (${Object.keys(MODEL_STARTERS).join(", ")}; default ${DEFAULT_STARTER_MODEL}, or the one that goes with --dataset)`)
    .option("--dataset <dataset>", "an embedded dataset, or a flows table / dataset file by a path relative to the scenario's folder (default: the model's usual dataset)")
    .option("--force", "overwrite the file if it exists")
    .action(async (file: string, opts: { model?: string; dataset?: string; force?: boolean }) => {
      const toStdout = file === "-";
      if (!toStdout) {
        checkOutputPath(file);
        if (existsSync(file) && !opts.force) throw new TradewindsInputError([{ source: "command line", path: "[file]", value: JSON.stringify(file), message: message.initFileExists(file) }]);
      }
      const [{ modelCatalog }, { newRunContext }, { loadScenarioDataset }, { starterScenario }, { validate }] = await Promise.all([
        import("../../models/available.js"),
        import("../../models/types.js"),
        import("../../data/datasetFile.js"),
        import("../../scenario/starter.js"),
        import("../../validate.js"),
      ]);
      const models = Object.keys(modelCatalog);
      const model = opts.model ?? Object.keys(MODEL_STARTERS).find((m) => opts.dataset !== undefined && MODEL_STARTERS[m].dataset === opts.dataset) ?? (opts.dataset !== undefined ? "caliendo-parro" : DEFAULT_STARTER_MODEL);
      if (!Object.hasOwn(modelCatalog, model)) throw new TradewindsInputError([{ source: "command line", path: "--model", value: JSON.stringify(model), message: message.unknownModel(models) }]);
      const dataset = opts.dataset ?? MODEL_STARTERS[model]?.dataset ?? "world-2023";
      const files = { baseDir: toStdout ? process.cwd() : dirname(resolve(file)) };
      const { dataset: data } = await loadScenarioDataset(dataset, files, "--dataset");
      const modelSection = model === "caliendo-parro" && !data.tradeElasticities ? `{ type: caliendo-parro, tradeElasticity: ${STARTER_THETA} }   # θ: the dataset has none; 4 is a common estimate — set yours` : undefined;
      const text = starterScenario(data, { model, dataset, shocks: modelCatalog[model].shocks, modelSection, exportTaxes: modelCatalog[model].dealCapabilities?.exportTaxes });
      // The starter is written only if it is valid on this dataset and the model calibrates on it (a model may
      // need data another dataset lacks: elasticities, covariates, a reference country).
      const checked = await validate(text, { source: toStdout ? "starter" : file, files, dataset: data });
      let problems = checked.valid ? [] : checked.problems;
      if (checked.valid) {
        try {
          modelCatalog[model].model.calibrate(data, checked.scenario.phases[0].modelParams as never, newRunContext());
        } catch (err) {
          if (!(err instanceof TradewindsInputError)) throw err;
          problems = err.issues;
        }
      }
      if (problems.length) throw new TradewindsInputError([{ source: "command line", path: "--model", value: JSON.stringify(model), message: message.initInvalid(model, dataset, MODEL_STARTERS[model]?.dataset, problems.map((p) => `${p.path}: ${p.message}`)) }]);
      if (toStdout) process.stdout.write(text);
      else {
        writeOutput(file, text);
        process.stdout.write(`${file}: a starter scenario, model ${model} on ${dataset}. Run it: tradewinds run ${file}\n`);
      }
    });
}
