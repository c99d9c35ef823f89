import { loadScenarioDataset } from "./data/datasetFile.js";
import { withBaselineTariffs, type Dataset } from "./data/dataset.js";
import { TradewindsInputError, type InputIssue } from "./messages.js";
import { modelCatalog } from "./models/available.js";
import type { ModelCatalog } from "./models/catalog.js";
import { scenarioFileIssues, type FilePolicy } from "./scenario/filePolicy.js";
import { normalizeScenario, type NormalizedScenario } from "./scenario/normalize.js";
import type { ScenarioDocument, ScenarioInput } from "./scenario/schema.js";
import { validateScenarioObject, validateScenarioText } from "./scenario/validate.js";
import { normalizeBloc } from "./strategy/blocSpec.js";

export interface ValidateOptions {
  /** Where the scenario came from, for the problems' `source` (default "scenario"). */
  source?: string;
  /** Which files the scenario may name (its dataset file, estimation files): as RunOptions.files; default "deny". */
  files?: FilePolicy;
  catalog?: ModelCatalog;
  /** Check against this dataset instead of the one `dataset` names. */
  dataset?: Dataset;
}

/** The outcome of `validate`: valid, or every problem found (field path, value, what is wrong and the fix). */
export type ValidationResult =
  | { valid: true; problems: []; warnings: string[]; scenario: NormalizedScenario; input: ScenarioInput }
  | { valid: false; problems: InputIssue[]; warnings: string[] };

/**
 * Steps 1–2 of the pipeline without solving — schema, the dataset it names (read under `files`), groups,
 * shocks, model parameters and the bloc section — returning the problems instead of throwing them. An
 * internal error (a bug) still throws. A CSV or Parquet dataset file is read (through DuckDB), hence the
 * promise.
 */
export async function validate(scenario: string | ScenarioDocument, options: ValidateOptions = {}): Promise<ValidationResult> {
  const source = options.source ?? "scenario";
  const files = options.files ?? "deny";
  const warnings: string[] = [];
  try {
    const input = typeof scenario === "string" ? validateScenarioText(scenario, source) : validateScenarioObject(scenario, source);
    if (files === "deny") {
      const denied = scenarioFileIssues(input, source);
      if (denied.length) return { valid: false, problems: denied, warnings };
    }
    let dataset = options.dataset;
    if (!dataset) {
      const loaded = await loadScenarioDataset(input.dataset, files, source);
      warnings.push(...loaded.warnings);
      dataset = loaded.dataset;
    }
    const data = withBaselineTariffs(dataset, input.baselineTariffs, source);
    const catalog = options.catalog ?? modelCatalog;
    const normalized = normalizeScenario(input, data, catalog, source);
    warnings.push(...normalized.warnings);
    if (input.bloc) normalizeBloc(input.bloc, normalized, data, catalog, source);
    return { valid: true, problems: [], warnings, scenario: normalized, input };
  } catch (err) {
    if (err instanceof TradewindsInputError) return { valid: false, problems: err.issues, warnings };
    throw err;
  }
}
