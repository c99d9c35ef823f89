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
export function zodIssues(
  issues: z.core.$ZodIssue[],
  raw: unknown,
  source: string,
  prefix = "",
  allowedKeys: (raw: unknown, path: PropertyKey[]) => string[] = allowedKeysAt,
  base: PropertyKey[] = [],
): InputIssue[] {
  const out: InputIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length) {
      // A union's branch issues carry paths relative to the union. If some branch got past the union's own
      // level, report that branch (the longest path), not zod's generic "invalid input"; if none did, the
      // value has none of the union's forms: say which forms are allowed.
      const best = issue.errors.reduce((a, b) => (deepest(b) > deepest(a) ? b : a));
      if (deepest(best) > 1 || issue.errors.every((branch) => branch.every((i) => i.code === "invalid_union"))) {
        out.push(...zodIssues(best, raw, source, prefix, allowedKeys, path));
        continue;
      }
      const value = valueAt(raw, path);
      const forms = issue.message && issue.message !== "Invalid input" ? issue.message : describeForms(issue.errors);
      out.push({ source, path: formatPath(prefix, path), value: value === undefined ? "" : show(value), message: value === undefined ? `is required (${forms})` : message.noMatchingForm(forms) });
      continue;
    }
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
    out.push({ source, path: at, value: value === undefined ? "" : show(value), message: explain(issue, value) });
  }
  return out;
}

function deepest(issues: z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length + (i.code === "invalid_union" ? 0 : 1)));
}

/** "a number or a string" from the branches' expected types. */
function describeForms(branches: z.core.$ZodIssue[][]): string {
  const forms = branches.flatMap((branch) =>
    branch.map((i) => (i.code === "invalid_type" ? article(i.expected) : i.code === "invalid_value" ? i.values.map((v) => JSON.stringify(v)).join(" or ") : i.message)),
  );
  return [...new Set(forms)].join(" or ");
}

function article(expected: string): string {
  return expected === "array" ? "a list" : expected === "object" ? "a mapping (key: value)" : /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function explain(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === "invalid_type") {
    if (value === undefined) return `is required (${issue.expected})`;
    if (issue.expected === "number" && (value === null || (typeof value === "number" && !Number.isFinite(value)))) return message.notANumber("a finite number");
    return message.wrongType(article(issue.expected));
  }
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
