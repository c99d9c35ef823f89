import type { z } from "zod";
import { TradewindsInputError, message, show, type InputIssue } from "../messages.js";
import { scenarioShapeIssues } from "./limits.js";
import { parseYamlText } from "./parseText.js";
import { formatPath } from "./paths.js";
import { allowedKeysAt, scenarioSchema, type ScenarioInput } from "./schema.js";

export { formatPath };

/**
 * Step 1 of the pipeline: text → typed scenario, or every problem with its field path, value and fix.
 * The scenario's size is checked against SCENARIO_LIMITS before the schema runs.
 */
export function validateScenarioText(text: string, source: string): ScenarioInput {
  return validateScenarioObject(parseYamlText(text, source), source);
}

export function validateScenarioObject(raw: unknown, source: string): ScenarioInput {
  const shape = scenarioShapeIssues(raw, source);
  if (shape.length) throw new TradewindsInputError(shape);
  const parsed = scenarioSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new TradewindsInputError(zodIssues(parsed.error.issues, raw, source));
}

/** Converts zod issues into the project's field-naming issues, with the offending value looked up. */
export function zodIssues(issues: z.core.$ZodIssue[], raw: unknown, source: string, prefix = "", allowedKeys: (raw: unknown, path: PropertyKey[]) => string[] = allowedKeysAt): InputIssue[] {
  const out: InputIssue[] = [];
  for (const issue of issues) {
    if (issue.code === "invalid_union" && issue.errors.length) {
      // Report the branch that got furthest (the longest path), not zod's generic "invalid input".
      const best = issue.errors.reduce((a, b) => (deepest(b) > deepest(a) ? b : a));
      out.push(...zodIssues(best, raw, source, prefix, allowedKeys));
      continue;
    }
    const path = [...issue.path];
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    const at = formatPath(prefix, path);
    if (keys.length) {
      const container = valueAt(raw, path);
      for (const key of keys) {
        out.push({ source, path: formatPath(prefix, [...path, key]), value: show((container as Record<string, unknown>)[key]), message: message.unknownKey(key, allowedKeys(raw, path)) });
      }
      continue;
    }
    const value = valueAt(raw, path);
    out.push({ source, path: at, value: value === undefined ? "" : show(value), message: explain(issue) });
  }
  return out;
}

function deepest(issues: z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length + (i.code === "invalid_union" ? 0 : 1)));
}

function explain(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && issue.input === undefined) return `is required (${issue.expected})`;
  if (issue.code === "invalid_value" && "values" in issue) return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return issue.message;
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
