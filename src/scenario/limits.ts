import { message, type InputIssue } from "../messages.js";
import { reservedKeyPaths } from "../util/ownNames.js";
import { formatPath } from "./paths.js";

/** Bloc membership sets (2^k) solved without asking (CLI --yes / --max-sets): 2^8 = 256, the eight-candidate example examples/bloc-japan.yaml. Here, not in domains.ts, so that the CLI reads it without loading zod. */
export const DEFAULT_MAX_BLOC_SETS = 256;

/**
 * What one scenario may hold (README "Limits", the OpenAPI document). They bound the work of
 * validating a scenario — parse, shape check, schema, normalization — to a size that no real
 * scenario approaches, so that one request cannot hold the server: the largest examples have 6
 * phases, 12 shocks and fewer than 300 values. Checked on the parsed text before the schema.
 */
export const SCENARIO_LIMITS = {
  /** Phases of one scenario. */
  maxPhases: 200,
  /** Shocks over all phases (each phase's own; inherited ones are not counted again). */
  maxShocks: 2_000,
  /** Scenario-defined country groups. */
  maxGroups: 200,
  /** Values in the parsed scenario: every object, list and scalar, alias expansions included. */
  maxValues: 50_000,
  /** Nesting depth of objects and lists (the deepest valid field is 8 levels down). */
  maxDepth: 32,
  /** YAML alias expansions (`*name`), as the yaml parser counts them (its maxAliasCount). */
  maxAliasCount: 100,
} as const;

/**
 * Shape checks of a parsed scenario (or estimation spec) that must run before the schema: the size
 * limits, and reserved names as keys (zod's record parser would drop `__proto__` silently). Walks
 * at most `maxValues` values, so its cost is bounded whatever the input.
 */
export function scenarioShapeIssues(raw: unknown, source: string): InputIssue[] {
  const limits = SCENARIO_LIMITS;
  const issues: InputIssue[] = [];
  // The counts first (they name the specific limit), from the top-level lists' lengths alone.
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    const scenario = raw as { phases?: unknown; groups?: unknown };
    if (Array.isArray(scenario.phases)) {
      const phases = scenario.phases.length;
      if (phases > limits.maxPhases) issues.push({ source, path: "phases", value: String(phases), message: message.scenarioLimit(`${phases} phases`, "phases", limits.maxPhases) });
      else {
        let shocks = 0;
        for (const phase of scenario.phases) {
          const own = (phase as { shocks?: unknown } | null)?.shocks;
          if (Array.isArray(own)) shocks += own.length;
        }
        if (shocks > limits.maxShocks) issues.push({ source, path: "phases", value: String(shocks), message: message.scenarioLimit(`${shocks} shocks`, "shocks over all phases", limits.maxShocks) });
      }
    }
    if (scenario.groups !== null && typeof scenario.groups === "object") {
      const groups = Object.keys(scenario.groups).length;
      if (groups > limits.maxGroups) issues.push({ source, path: "groups", value: String(groups), message: message.scenarioLimit(`${groups} groups`, "groups", limits.maxGroups) });
    }
  }
  if (issues.length) return issues;
  return valueShapeIssues(raw, source);
}

/** The limits on values and nesting, and reserved names as keys: for scenarios and estimation specs alike. */
export function valueShapeIssues(raw: unknown, source: string): InputIssue[] {
  const limits = SCENARIO_LIMITS;
  const size = measure(raw, limits.maxValues, limits.maxDepth);
  if (size.values > limits.maxValues) {
    return [{ source, path: "", value: "", message: message.scenarioLimit(`more than ${limits.maxValues} values`, "values (objects, lists and scalars, aliases expanded)", limits.maxValues) }];
  }
  if (size.tooDeepAt) {
    return [{ source, path: formatPath("", size.tooDeepAt), value: "", message: message.scenarioLimit(`more than ${limits.maxDepth} levels`, "levels of nesting", limits.maxDepth) }];
  }
  return reservedKeyPaths(raw).map((path) => {
    const key = String(path[path.length - 1]);
    return { source, path: formatPath("", path), value: JSON.stringify(key), message: message.reservedName(key) };
  });
}

/**
 * Counts values depth first, stopping past `maxValues`; notes the first path deeper than `maxDepth`.
 * A value reached twice (a YAML alias shares its object) is counted each time, as every later stage
 * walks it again.
 */
function measure(raw: unknown, maxValues: number, maxDepth: number): { values: number; tooDeepAt?: PropertyKey[] } {
  let values = 0;
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: raw, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (++values > maxValues) return { values };
    if (value === null || typeof value !== "object") continue;
    if (path.length >= maxDepth) return { values, tooDeepAt: path };
    // Children wait on the stack: past the limit, stop before queueing them all (a list can hold 500,000 scalars in 1 MiB).
    if (values + stack.length + (Array.isArray(value) ? value.length : Object.keys(value).length) > maxValues) return { values: maxValues + 1 };
    if (Array.isArray(value)) value.forEach((v, k) => stack.push({ value: v, path: [...path, k] }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return { values };
}
