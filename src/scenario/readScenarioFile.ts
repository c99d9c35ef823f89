import { existsSync, readFileSync } from "node:fs";
import { TradewindsInputError, message } from "../messages.js";
import type { ScenarioInput } from "./schema.js";
import { validateScenarioText } from "./validate.js";

/** Step 1 from a file: its text validated (validate.ts); a missing file is an input error naming it. */
export function readScenarioFile(path: string): ScenarioInput {
  if (!existsSync(path)) throw new TradewindsInputError([{ source: path, path: "", value: "", message: message.fileMissing(path) }]);
  return validateScenarioText(readFileSync(path, "utf8"), path);
}
