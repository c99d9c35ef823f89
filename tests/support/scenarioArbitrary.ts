import fc from "fast-check";
import { stringify } from "yaml";

/**
 * fast-check arbitraries for scenario files, generated from the committed JSON Schema
 * (schema/scenario.schema.json) — every keyword it uses: type, properties/required/additionalProperties,
 * propertyNames, items/prefixItems/minItems/maxItems, enum/const, anyOf/oneOf, minimum/maximum/
 * exclusiveMinimum, minLength, pattern/format — plus mutations of valid scenarios (a value replaced by an
 * extreme or a wrong type, a key removed or misspelt). Strings are drawn mostly from pools of names the
 * small datasets know (country, sector, covariate and tariff-set codes, model types), so that many cases
 * pass validation and reach the solvers; the rest are random. Numbers include the schema's bounds and
 * values just outside them, and YAML's .nan/.inf reach the parser through the text.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  pattern?: string;
  format?: string;
};

/** Values worth drawing for a property of this name (by the name of the property or of the object holding it). */
export interface Pools {
  strings(key: string): readonly string[] | undefined;
  numbers(key: string): readonly number[] | undefined;
  keys(key: string): readonly string[] | undefined;
}

/** The largest arrays and maps generated (keeps scenarios small enough to solve in milliseconds). */
const MAX_ITEMS = 3;

const extremeNumbers = [0, -1, 1, 0.5, 1e-300, 1e300, -1e300, 1e6, -1e6, Number.MAX_VALUE, Number.MIN_VALUE, 3.5, 24, 1000, 100000];

export function arbitraryFromSchema(schema: JsonSchema, pools: Pools, key = "", depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) return fc.oneof(...branches.map((b) => arbitraryFromSchema(b, pools, key, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return stringArbitrary(schema, pools, key);
    case "number":
    case "integer":
      return numberArbitrary(schema, pools, key, type === "integer");
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return arrayArbitrary(schema, pools, key, depth);
    case "object":
      return objectArbitrary(schema, pools, key, depth);
    default:
      return fc.oneof(fc.constant(null), fc.string(), fc.double());
  }
}

function stringArbitrary(schema: JsonSchema, pools: Pools, key: string): fc.Arbitrary<string> {
  if (schema.format === "date" || schema.pattern) return fc.oneof(fc.constantFrom("2025-04-02", "2025-02-29", "2024-02-29"), fc.string());
  const pool = pools.strings(key);
  const random = fc.string({ minLength: schema.minLength ?? 0, maxLength: 6 });
  return pool?.length ? fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 9 }, { arbitrary: random, weight: 1 }) : random;
}

function numberArbitrary(schema: JsonSchema, pools: Pools, key: string, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum;
  const max = schema.maximum;
  const edges = [min, max, min !== undefined ? min - 1e-9 * Math.max(1, Math.abs(min)) : undefined, max !== undefined ? max * 1.0001 + 1e-9 : undefined].filter(
    (v): v is number => v !== undefined,
  );
  const pool = pools.numbers(key);
  const inRange = integer
    ? fc.integer({ min: Math.max(min ?? -1000, -1000), max: Math.min(max ?? 1000, 1000) })
    : fc.double({ min: Math.max(min ?? -1000, -1000), max: Math.min(max ?? 1000, 1000), noNaN: true });
  return fc.oneof(
    { arbitrary: pool?.length ? fc.constantFrom(...pool) : inRange, weight: 6 },
    { arbitrary: inRange, weight: 2 },
    { arbitrary: fc.constantFrom(...edges, ...extremeNumbers), weight: 2 },
  );
}

function arrayArbitrary(schema: JsonSchema, pools: Pools, key: string, depth: number): fc.Arbitrary<unknown[]> {
  if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((s) => arbitraryFromSchema(s, pools, key, depth + 1)));
  const item = schema.items ? arbitraryFromSchema(schema.items, pools, key, depth + 1) : fc.string();
  const minLength = schema.minItems ?? 0;
  return fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS)) });
}

function objectArbitrary(schema: JsonSchema, pools: Pools, key: string, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, sub] of Object.entries(properties)) {
    // Deep optional parts (estimation, bloc) are drawn less often: they are large and mostly fail validation.
    if (depth > 0 || required.has(name) || !["estimation", "bloc"].includes(name)) shape[name] = arbitraryFromSchema(sub, pools, name, depth + 1);
  }
  const record = fc.record(shape, { requiredKeys: [...required].filter((k) => k in shape) });
  const extra = schema.additionalProperties;
  if (extra && typeof extra === "object" && Object.keys(properties).length === 0) {
    const names = pools.keys(key);
    const keyArbitrary = names?.length ? fc.oneof({ arbitrary: fc.constantFrom(...names), weight: 4 }, { arbitrary: fc.string({ minLength: 1, maxLength: 5 }), weight: 1 }) : fc.string({ minLength: 1, maxLength: 5 });
    return fc.dictionary(keyArbitrary, arbitraryFromSchema(extra, pools, key, depth + 1), { maxKeys: MAX_ITEMS });
  }
  return record as fc.Arbitrary<Record<string, unknown>>;
}

/** A JSON-ish value of any shape, for mutations: wrong types, extremes, NaN and ±Infinity (written as .nan/.inf). */
export const wildValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, "", "all", "24", "24%", "-5%", "1e999", Number.NaN, Infinity, -Infinity, 1e300, -1e300, 1e-300, 0, -1, 24, 1e6, -1e6),
  fc.double(),
  fc.string({ maxLength: 4 }),
  fc.array(fc.constantFrom("USA", "CHN", "JPN", 1, null), { maxLength: 2 }),
  fc.dictionary(fc.constantFrom("type", "set", "x", "__proto__", "constructor"), fc.constantFrom(1, "a", null), { maxKeys: 2 }),
);

/** One mutation of a parsed scenario: replace a value at a random path, delete a key, or add an unknown one. */
export function mutate(scenario: unknown, choice: { pathSeed: number; kind: number; value: unknown }): unknown {
  const copy = structuredClone(scenario);
  const paths: (string | number)[][] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (path.length) paths.push(path);
    if (Array.isArray(node)) node.forEach((v, k) => walk(v, [...path, k]));
    else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(copy, []);
  if (paths.length === 0) return choice.value;
  const path = paths[choice.pathSeed % paths.length];
  const parent = path.slice(0, -1).reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (choice.kind % 3 === 0) parent[last] = choice.value;
  else if (choice.kind % 3 === 1) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (!Array.isArray(parent)) parent[`${String(last)}x`] = choice.value;
  else parent.push(choice.value);
  return copy;
}

/** YAML text of a scenario object (NaN and ±Infinity become .nan/.inf, as a user would write them). */
export function scenarioText(scenario: unknown): string {
  return stringify(scenario, { aliasDuplicateObjects: false });
}
