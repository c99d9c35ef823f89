import * as Plot from "@observablehq/plot";
import type { QuantityDefinition } from "./api.js";
import { formatValue } from "./format.js";

/** Good or bad for the country, by the registry's `better` (a price rise is not a gain); "zero" when it prints as zero. */
export type Tone = "good" | "bad" | "up" | "down" | "zero";

/** Whether a value shows as zero at the precision the tables print (so it is neither a gain nor a loss). */
export function showsAsZero(value: number, def: QuantityDefinition | undefined): boolean {
  return !/[1-9]/.test(formatValue(value, def));
}

export function toneOf(value: number | null | undefined, def: QuantityDefinition | undefined): Tone {
  if (value === null || value === undefined || !Number.isFinite(value) || showsAsZero(value, def)) return "zero";
  const better = def?.better ?? "neither";
  if (better === "neither") return value > 0 ? "up" : "down";
  return (value > 0) === (better === "higher") ? "good" : "bad";
}

/**
 * The colour scale of a measure: diverging around zero, blue for good and red for bad (reversed for
 * "lower is better"), purple/orange for measures that are neither. Robust: the domain is ± the 90th
 * percentile of |value| — widened to keep the named countries inside — so one outlier (Marshall
 * Islands, Guyana) cannot wash out everyone else; values beyond it are clamped (the legend says so).
 */
export function measureScale(values: number[], def: QuantityDefinition | undefined, named: number[] = []) {
  const magnitudes = values.filter(Number.isFinite).map(Math.abs).sort((a, b) => a - b);
  const robust = magnitudes.length ? magnitudes[Math.min(magnitudes.length - 1, Math.floor(0.9 * (magnitudes.length - 1)))] : 0;
  const extent = Math.max(robust, ...named.filter(Number.isFinite).map(Math.abs), 1e-9);
  const clamped = magnitudes.length > 0 && magnitudes[magnitudes.length - 1] > extent;
  const better = def?.better ?? "neither";
  const scale = Plot.scale({
    color: {
      type: "diverging",
      scheme: better === "neither" ? "PuOr" : "RdBu",
      domain: [-extent, extent],
      pivot: 0,
      clamp: true,
      reverse: better === "lower",
    },
  });
  return { scale, extent, clamped, better };
}

/** A short legend caption: what blue and red mean for this measure. */
export function legendCaption(def: QuantityDefinition | undefined, extent: number, clamped: boolean): string {
  if (!def) return "";
  const range = clamped ? ` (colours stop at ±${formatValue(extent, { ...def, unit: def.unit === "%" ? "pp" : def.unit })} ${def.unit}; larger values share the end colour)` : "";
  const meaning = def.better === "higher" ? "blue = gain, red = loss" : def.better === "lower" ? "a rise is a loss: red = rise, blue = fall" : "neither a gain nor a loss: orange = higher, purple = lower";
  return `${def.label} (${def.unit}): ${meaning}${range}`;
}
