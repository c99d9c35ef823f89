import { compareRuleOf } from "./compareRules.js";
import { caliendoParroDefinitions } from "./definitions/caliendoParro.js";
import { commonDefinitions } from "./definitions/common.js";
import { exposureDefinitions } from "./definitions/exposure.js";
import { gravityDefinitions } from "./definitions/gravity.js";
import { liberationDayDefinitions } from "./definitions/liberationDay.js";
import { naftaDefinitions } from "./definitions/nafta.js";
import { strategyDefinitions } from "./definitions/strategy.js";
import { dealDefinitions } from "./definitions/deals.js";
import { moneyDefinitions } from "./definitions/money.js";
import type { QuantityDefinition } from "./quantityDefinition.js";

export type { QuantityDefinition };

/**
 * The results registry: every reported quantity defined once — key, label, unit, formula, sign convention —
 * in the topic files of definitions/. Tables, CSV, JSON and chart
 * axes all read it, and the definitions ship with every output. A model may only report keys defined here
 * (report/ checks this). Each list is a constant, so the keys are literal types: `QuantityKey` lists them and
 * a misspelt key in a report lookup (`row.values.welfareChangPct`) or a model's table is a type error.
 */
const defs = [...commonDefinitions, ...gravityDefinitions, ...caliendoParroDefinitions, ...liberationDayDefinitions, ...strategyDefinitions, ...naftaDefinitions, ...exposureDefinitions, ...moneyDefinitions, ...dealDefinitions] as const;

/** A key of the registry: every quantity a report can carry. */
export type QuantityKey = (typeof defs)[number]["key"];

/** A report row's values by registry key. Only the keys the model reports are present (a report's tableKeys and definitions list them); a key the registry does not define is a type error. */
export type QuantityValues = Record<QuantityKey, number>;

/** Values by registry key: only the keys given are present (QuantityValues lists every key the registry defines). */
export function valuesOf(entries: Iterable<readonly [QuantityKey, number]>): QuantityValues {
  return Object.fromEntries(entries) as QuantityValues;
}

/** The values a row carries, with their keys typed (only present keys; see valuesOf). */
export function valueEntries(values: QuantityValues): [QuantityKey, number][] {
  return Object.entries(values) as [QuantityKey, number][];
}

export const registry: ReadonlyMap<string, QuantityDefinition> = new Map(defs.map((d: QuantityDefinition) => [d.key, { ...d, compare: d.compare ?? compareRuleOf(d.key) }]));

/**
 * A key's definition as a run of `modelType` reports it: the registry's, with the model's line of `models` as
 * `model` and the other models' lines left out.
 */
export function definitionFor(key: string, modelType: string): QuantityDefinition {
  const { models, ...def } = definitionOf(key);
  return models && Object.hasOwn(models, modelType) ? { ...def, model: models[modelType] } : def;
}

/** Whether `key` names a quantity of the registry (narrows a string to QuantityKey). */
export function isQuantityKey(key: string): key is QuantityKey {
  return registry.has(key);
}

/** The key as a QuantityKey; a key the registry does not define is an internal error (a model reporting an undefined quantity). */
export function quantityKey(key: string): QuantityKey {
  if (!isQuantityKey(key)) throw new Error(`internal: quantity ${JSON.stringify(key)} is not defined in report/registry.ts`);
  return key;
}

export function definitionOf(key: string): QuantityDefinition {
  const def = registry.get(key);
  if (!def) throw new Error(`internal: quantity ${JSON.stringify(key)} is not defined in report/registry.ts`);
  return def;
}
