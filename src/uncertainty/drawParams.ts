import type { Dataset } from "../data/dataset.js";
import { message } from "../messages.js";
import type { ModelEntry } from "../models/catalog.js";
import { DrawStream } from "../random/drawStream.js";
import { ELASTICITY_SET, TRADE_ELASTICITIES, type UncertainParameter } from "./spec.js";

/** A draw whose parameters the model rejects (a uniform range past the model's domain, …): the draw fails, reported. */
export class InvalidDrawError extends Error {}

/**
 * x̂·exp(s·z − s²/2) with s² = ln(1 + cv²): a log-normal with mean x̂ and coefficient of variation cv.
 * cv = 0 gives s = 0 and a factor exp(0) = 1 exactly, so the draw is the point estimate bit for bit.
 */
export function lognormalFactor(cv: number, z: number): number {
  const s2 = Math.log1p(cv * cv);
  return Math.exp(Math.sqrt(s2) * z - s2 / 2);
}

/** The sets a choice over elasticity sets ranges over: the names given, or every set of the dataset in its order. */
export function elasticitySetChoices(among: "all" | (string | number)[], data: Dataset): string[] {
  return among === "all" ? Object.keys(data.elasticitySets ?? {}) : among.map(String);
}

/**
 * The model parameters of draw `draw` (seed `seed`) for one phase whose parameters in force are
 * `params`. Parameter k of the list reads stream k of the counter-based generator, so its numbers
 * depend on (seed, draw, k) alone; parameters apply in list order, each spreading around the value
 * left by the ones before it (a choice of elasticity set, then a spread around that set). The same
 * draw gives every phase the same random numbers (a phase's own parameter values scale alike).
 * Inputs were checked by `checkUncertainty`; a result the model's schema rejects throws InvalidDrawError.
 */
export function drawnParams(
  parameters: UncertainParameter[],
  seed: number,
  draw: number,
  params: Record<string, unknown>,
  entry: ModelEntry,
  data: Dataset,
): Record<string, unknown> {
  let current = params;
  parameters.forEach((spec, k) => {
    const stream = new DrawStream(seed, draw, k);
    if (spec.parameter === TRADE_ELASTICITIES) {
      if (spec.distribution !== "lognormal" || !entry.tradeElasticities) throw new Error("internal: tradeElasticities draws are checked to be log-normal on a model that has them");
      const point = entry.tradeElasticities.of(current as never, data);
      const common = spec.sectors === "common" ? stream.normal() : 0;
      const values = point.map((x) => x * lognormalFactor(spec.cv, spec.sectors === "common" ? common : stream.normal()));
      // A draw equal to the point estimate leaves the parameters untouched (exactly the point run).
      if (!values.every((x, s) => x === point[s])) current = entry.tradeElasticities.set(current as never, values);
      return;
    }
    if (spec.parameter === ELASTICITY_SET) {
      if (spec.distribution !== "choice") throw new Error("internal: elasticity sets are checked to be drawn as a choice");
      const names = elasticitySetChoices(spec.among, data);
      const name = names[Math.floor(stream.uniform() * names.length)];
      if (current[ELASTICITY_SET] !== name || current.tradeElasticity !== undefined || current.tradeElasticities !== undefined) {
        const { tradeElasticity: _one, tradeElasticities: _vector, ...rest } = current;
        current = { ...rest, [ELASTICITY_SET]: name };
      }
      return;
    }
    const point = current[spec.parameter];
    if (typeof point !== "number") throw new Error(`internal: ${spec.parameter} is checked to be a numeric parameter`);
    let value: number;
    if (spec.distribution === "lognormal") value = point * lognormalFactor(spec.cv, stream.normal());
    else if (spec.distribution === "uniform") value = spec.min + stream.uniform() * (spec.max - spec.min);
    else {
      const among = spec.among as number[];
      value = among[Math.floor(stream.uniform() * among.length)];
    }
    // The name is an own numeric key of the parsed parameters (checkUncertainty), so a computed key is safe.
    if (value !== point) current = { ...current, [spec.parameter]: value };
  });
  if (current === params) return params;
  const checked = entry.params.safeParse(current);
  if (!checked.success) throw new InvalidDrawError(message.invalidDraw(draw, checked.error.issues.map((i) => `${i.path.join(".") || "model"}: ${i.message}`).join("; ")));
  return checked.data as Record<string, unknown>;
}
