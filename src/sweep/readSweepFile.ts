import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { TradewindsInputError, message } from "../messages.js";
import { valueShapeIssues } from "../scenario/limits.js";
import { parseYamlText } from "../scenario/parseText.js";
import { zodIssues } from "../scenario/validate.js";
import type { SweepRequest } from "./prepareSweep.js";
import { sweepSchema } from "./spec.js";

/**
 * Reads a sweep file (YAML or JSON) and the scenario files it names (relative to it) into a
 * self-contained request: every text inlined, so workers on other machines need no shared files.
 */
export function readSweepFile(file: string): SweepRequest {
  if (!existsSync(file)) throw new TradewindsInputError([{ source: file, path: "", value: "", message: message.fileMissing(file) }]);
  // The scenario format's parser and shape limits (alias expansions, nesting, values) apply to sweep files too.
  const raw = parseYamlText(readFileSync(file, "utf8"), file);
  const shape = valueShapeIssues(raw, file);
  if (shape.length) throw new TradewindsInputError(shape);
  const parsed = sweepSchema.safeParse(raw);
  if (!parsed.success) throw new TradewindsInputError(zodIssues(parsed.error.issues, raw, file));
  const spec = parsed.data;
  const listed = spec.dimensions.flatMap((d, k) => ("scenarios" in d ? d.scenarios.map((s, n) => ({ s, path: `dimensions[${k}].scenarios[${n}]` })) : []));
  const files = spec.scenario !== undefined ? [{ s: spec.scenario, path: "scenario" }, ...listed] : listed;
  const scenarios = files.map(({ s, path }) => {
    const scenarioFile = join(dirname(file), s);
    if (!existsSync(scenarioFile)) throw new TradewindsInputError([{ source: file, path, value: JSON.stringify(s), message: message.sweepFileMissing(scenarioFile) }]);
    return { source: scenarioFile, text: readFileSync(scenarioFile, "utf8") };
  });
  return { source: file, spec, scenarios };
}
