import { z } from "zod";
import { scenarioSchema } from "./schema.js";

/** The JSON Schema of scenario files, generated from the zod schema (the input side: what users write). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }),
    $id: "https://tradewinds.dev/schema/scenario.schema.json",
    title: "Tradewinds scenario",
  };
}
