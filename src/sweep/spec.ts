import { z } from "zod";
import { MAX_SEED } from "../random/drawStream.js";
import { message } from "../messages.js";
import { MAX_DRAWS, uncertainParameterSchema, MAX_UNCERTAIN_PARAMETERS } from "../uncertainty/spec.js";

/** The most points one sweep may have (the product of its dimensions' sizes): a stated limit. */
export const MAX_SWEEP_POINTS = 1_000_000;
/** The most values one grid dimension may have. */
export const MAX_GRID_VALUES = 10_000;
/** The placeholder a grid dimension's shocks use for its value. */
export const VALUE_PLACEHOLDER = "$value";

const dimensionName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, "a dimension name is a letter followed by letters, digits or _ (at most 63): it becomes a column name")
  .describe("The dimension's name: a column of the stored results");

const phaseName = z.string().min(1).optional().describe("The phase whose own shocks these join (default: the last phase); later phases that inherit it inherit them");
/** A shock of the scenario format, with "$value" where the grid's value goes; checked once the value is in. */
const shockTemplate = z.record(z.string(), z.unknown()).describe(`A scenario shock; "${VALUE_PLACEHOLDER}" stands for the grid value`);

/** A grid value: a number as written, or a percent string ("25%" → 0.25); the shocks it fills check its range. */
const gridNumber = z.union([
  z.number().finite(),
  z.string().transform((text, ctx) => {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
    if (!m) {
      ctx.addIssue({ code: "custom", message: message.badPercentString(text) });
      return z.NEVER;
    }
    return Number(m[1]) / 100;
  }),
]);

const gridDimension = z
  .object({
    name: dimensionName,
    values: z
      .union([
        z.array(gridNumber).min(1).max(MAX_GRID_VALUES),
        z
          .object({ from: gridNumber, to: gridNumber, step: gridNumber.refine((v) => v > 0, "step must be positive") })
          .strict()
          .refine((g) => g.to >= g.from, { message: '"to" must not be below "from"', path: ["to"] })
          .refine((g) => (g.to - g.from) / g.step < MAX_GRID_VALUES, { message: `a grid has at most ${MAX_GRID_VALUES} values`, path: ["step"] }),
      ])
      .describe('The values: a list, or { from, to, step } (both ends included): numbers, or percent strings ("25%" = 0.25)'),
    phase: phaseName,
    shocks: z.array(shockTemplate).min(1).describe(`Shocks added at each value, "${VALUE_PLACEHOLDER}" replaced by it`),
  })
  .strict();

const levelsDimension = z
  .object({
    name: dimensionName,
    phase: phaseName,
    levels: z
      .array(z.object({ name: z.string().min(1), shocks: z.array(shockTemplate).default([]) }).strict())
      .min(1)
      .max(MAX_GRID_VALUES)
      .describe("Named alternatives, each a list of shocks added to the phase (an empty list: the scenario as it is)"),
  })
  .strict();

const drawsDimension = z
  .object({
    name: dimensionName,
    draws: z.number().int().min(1).max(MAX_DRAWS).describe(`Parameter draws 0 … draws − 1 (at most ${MAX_DRAWS})`),
    seed: z.number().int().min(0).max(MAX_SEED).optional().describe("Seed (default: the scenario's uncertainty seed, else 1)"),
    parameters: z.array(uncertainParameterSchema).min(1).max(MAX_UNCERTAIN_PARAMETERS).optional().describe("The uncertain parameters (default: the scenario's uncertainty section)"),
  })
  .strict();

const scenariosDimension = z
  .object({
    name: dimensionName,
    scenarios: z.array(z.string().min(1)).min(1).max(1000).describe("Scenario files (relative to the sweep file), each solved at every other coordinate"),
  })
  .strict();

const membershipsDimension = z
  .object({
    name: dimensionName,
    memberships: z
      .union([z.literal("all"), z.array(z.array(z.string().min(1))).min(1)])
      .describe("Member sets of the scenario's bloc section: all 2^k, or a list of candidate lists ([] = nobody joins); the bloc's rules join its base phase"),
  })
  .strict();

export const dimensionSchema = z.union([gridDimension, levelsDimension, drawsDimension, scenariosDimension, membershipsDimension]);
export type DimensionInput = z.infer<typeof dimensionSchema>;

export const sweepSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    scenario: z.string().min(1).optional().describe("The base scenario file, relative to the sweep file (or a `scenarios` dimension)"),
    phases: z.array(z.string().min(1)).min(1).optional().describe("The phases solved and stored at every point (default: all)"),
    dimensions: z.array(dimensionSchema).min(1).max(8),
  })
  .strict()
  .describe("A sweep: a base scenario and its dimensions, every combination solved; `tradewinds sweep <file>`");
export type SweepInput = z.infer<typeof sweepSchema>;

/** The kind of a dimension, from the key that defines it. */
export type DimensionKind = "grid" | "levels" | "draws" | "scenarios" | "memberships";

export function dimensionKind(d: DimensionInput): DimensionKind {
  if ("values" in d) return "grid";
  if ("levels" in d) return "levels";
  if ("draws" in d) return "draws";
  if ("scenarios" in d) return "scenarios";
  return "memberships";
}

/** The values of a grid: the list, or from, from + step, … up to `to` (within a rounding of step/10⁶), each rounded to 12 significant digits. */
export function gridValues(values: z.infer<typeof gridDimension>["values"]): number[] {
  if (Array.isArray(values)) return values;
  const count = Math.floor((values.to - values.from) / values.step + 1e-6) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, k) => Number((values.from + k * values.step).toPrecision(12)));
}
