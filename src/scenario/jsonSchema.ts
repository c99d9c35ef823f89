import { z } from "zod";
import { modelCatalog } from "../models/available.js";
import type { ModelCatalog } from "../models/catalog.js";
import { scenarioSchema } from "./schema.js";

/**
 * The JSON Schema of scenario files, generated from the zod schema (the input side: what users write).
 * The scenario's zod schema leaves `model` open (each model checks its own parameters); here each model's
 * parameter schema is spliced in — one branch per `model.type`, and any subset of them for a phase's
 * `model:` override — so that editors show every parameter with its domain.
 */
export function scenarioJsonSchema(catalog: ModelCatalog = modelCatalog): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }) as unknown as Record<string, unknown> & {
    properties: Record<string, Record<string, unknown>> & { phases: { items: { properties: Record<string, Record<string, unknown>> } } };
  };
  const branches = Object.entries(catalog).map(([type, entry]) => {
    const params = z.toJSONSchema(entry.params, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, unknown>; $schema?: string };
    return {
      type: "object",
      description: entry.description,
      properties: { type: { const: type }, ...(params.properties ?? {}) },
      required: ["type"],
      additionalProperties: false,
    };
  });
  schema.properties.model = { description: schema.properties.model.description, oneOf: branches };
  const phaseModel = schema.properties.phases.items.properties.model;
  schema.properties.phases.items.properties.model = {
    description: phaseModel.description,
    anyOf: branches.map(({ properties: { type: _type, ...rest }, description }) => ({ type: "object", description, properties: rest, additionalProperties: false })),
  };
  return { ...schema, $id: "https://tradewinds.dev/schema/scenario.schema.json", title: "Tradewinds scenario" };
}
