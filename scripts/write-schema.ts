/** Writes schema/scenario.schema.json from the zod schema (`npm run schema`); a test checks it is current. */
import { mkdirSync, writeFileSync } from "node:fs";
import { scenarioJsonSchema } from "../src/scenario/jsonSchema.js";

mkdirSync("schema", { recursive: true });
writeFileSync("schema/scenario.schema.json", JSON.stringify(scenarioJsonSchema(), null, 2) + "\n");
console.log("wrote schema/scenario.schema.json");
