import { readFileSync, readdirSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../src/data/load.js";
import { modelCatalog } from "../src/models/available.js";
import { scenarioJsonSchema } from "../src/scenario/jsonSchema.js";
import { normalizeScenario } from "../src/scenario/normalize.js";
import { validateScenarioText } from "../src/scenario/validate.js";

/** Ajv for the generated schema; `date` is the ISO calendar date the zod schema checks (YYYY-MM-DD). */
const newAjv = () => new Ajv2020({ strict: false, formats: { date: /^\d{4}-\d{2}-\d{2}$/ } });

const examples = readdirSync("examples").filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

describe("schema/scenario.schema.json", () => {
  it("is the JSON Schema generated from the zod schema (run `npm run schema` after changing it)", () => {
    expect(JSON.parse(readFileSync("schema/scenario.schema.json", "utf8"))).toEqual(scenarioJsonSchema());
  });

  it("compiles as JSON Schema 2020-12", () => {
    const ajv = newAjv();
    expect(() => ajv.compile(scenarioJsonSchema())).not.toThrow();
  });
});

describe.each(examples)("examples/%s", (file) => {
  const text = readFileSync(`examples/${file}`, "utf8");

  it("is valid against the generated JSON Schema", () => {
    const ajv = newAjv();
    const validate = ajv.compile(scenarioJsonSchema());
    const ok = validate(parse(text));
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it("validates and normalizes against its dataset (codes, sectors, model parameters)", () => {
    const input = validateScenarioText(text, file);
    expect(() => normalizeScenario(input, loadDataset(input.dataset), modelCatalog, file)).not.toThrow();
  });
});
