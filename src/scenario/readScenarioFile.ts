import { readInputFile } from "../util/inputFile.js";
import type { ScenarioInput } from "./schema.js";
import { validateScenarioText } from "./validate.js";

/** Step 1 from a file: its text (a regular file within the size limit, util/inputFile.ts) validated (validate.ts). */
export function readScenarioFile(path: string): ScenarioInput {
  return validateScenarioText(readInputFile(path, { what: "scenario file" }), path);
}
