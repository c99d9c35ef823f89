import type { EstimationSpec } from "./estimationSpec.js";
import { clusterName, fixedEffectComponents } from "./estimationSpec.js";
import type { CombinationEstimate } from "./linearCombination.js";
import type { CoefficientEstimate, DroppedRegressor, PpmlResult } from "./ppmlResult.js";
import type { DroppedObservation } from "./pruneSample.js";

/**
 * What `tradewinds estimate` prints: a plain, JSON-ready record of one PPML fit (no typed arrays, no
 * per-observation vectors), and its text table. Pure functions of the fit; the CLI only prints them.
 */
export interface EstimationReport {
  specFile: string;
  data: string;
  model: { outcome: string; regressors: string[]; fixedEffects: string[]; offset: string | null; vcov: string };
  converged: boolean;
  iterations: number;
  /** Final relative deviance change (the IRLS stopping criterion) and its tolerance. */
  devianceChange: number;
  tolerance: number;
  scoreCheck: { passed: boolean; maxRegressorScore: number; maxLevelScore: number; threshold: number };
  observations: {
    inFrame: number;
    inSample: number;
    used: number;
    dropped: { missing: number; singleton: number; separatedByFixedEffect: number };
    droppedList: DroppedObservation[];
  };
  clusters: { variable: string; count: number } | null;
  fixedEffectFactors: { name: string; levels: number }[];
  deviance: number;
  pseudoRSquared: number;
  pseudoLogLikelihood: number;
  coefficients: CoefficientEstimate[];
  droppedRegressors: DroppedRegressor[];
  combinations: CombinationEstimate[];
  /** Recovered fixed effects (when the spec has a normalisation): factor → level label → α. */
  fixedEffects: Record<string, Record<string, number>> | null;
  warnings: string[];
}

export function estimationReport(specFile: string, dataPath: string, spec: EstimationSpec, result: PpmlResult): EstimationReport {
  const v = result.value;
  const vcov =
    spec.vcov.type === "cluster" ? `cluster(${clusterName(spec.vcov.cluster!)}), small-sample ${spec.vcov.smallSample}` : `${spec.vcov.type}, small-sample ${spec.vcov.smallSample}`;
  return {
    specFile,
    data: dataPath,
    model: {
      outcome: spec.outcome,
      regressors: [...spec.regressors],
      fixedEffects: spec.fixedEffects.map((f) => fixedEffectComponents(f).join("#")),
      offset: spec.offset ?? null,
      vcov,
    },
    converged: result.converged,
    iterations: result.iterations,
    devianceChange: result.residual,
    tolerance: result.tolerance,
    scoreCheck: { passed: v.scoreCheck.passed, maxRegressorScore: v.scoreCheck.maxRegressorScore, maxLevelScore: v.scoreCheck.maxLevelScore, threshold: v.scoreCheck.threshold },
    observations: { ...v.observations, droppedList: v.observations.droppedList },
    clusters: v.clusters,
    fixedEffectFactors: v.fixedEffectFactors.map((f) => ({ name: f.name, levels: f.levelCount })),
    deviance: v.deviance,
    pseudoRSquared: v.pseudoRSquared,
    pseudoLogLikelihood: v.pseudoLogLikelihood,
    coefficients: v.coefficients,
    droppedRegressors: v.droppedRegressors,
    combinations: v.combinations,
    fixedEffects: v.fixedEffects
      ? Object.fromEntries(v.fixedEffects.factors.map((f) => [f.name, Object.fromEntries(f.labels.map((label, level) => [label, f.values[level]]))]))
      : null,
    warnings: result.warnings,
  };
}

/** The report as a text table: header block, coefficient table (Stata-like 7 significant digits), combinations. */
export function formatEstimationTable(report: EstimationReport): string {
  const o = report.observations;
  const lines: string[] = [];
  lines.push(`PPML with high-dimensional fixed effects — ${report.specFile}`);
  lines.push(`  data:           ${report.data}`);
  lines.push(`  outcome:        ${report.model.outcome}${report.model.offset ? ` (offset ${report.model.offset})` : ""}`);
  lines.push(`  fixed effects:  ${report.fixedEffectFactors.map((f) => `${f.name} (${f.levels} levels)`).join(", ") || "none"}`);
  lines.push(`  vcov:           ${report.model.vcov}${report.clusters ? ` — ${report.clusters.count} clusters of ${report.clusters.variable}` : ""}`);
  lines.push(`  observations:   ${o.used} used of ${o.inSample} in the sample (${o.inFrame} rows read)`);
  lines.push(
    `  dropped:        ${o.dropped.missing} missing, ${o.dropped.singleton} singleton, ${o.dropped.separatedByFixedEffect} separated by a fixed effect`,
  );
  lines.push(
    `  convergence:    ${report.converged ? "converged" : "NOT CONVERGED"} after ${report.iterations} iterations (relative deviance change ${report.devianceChange.toExponential(2)}, tolerance ${report.tolerance.toExponential(0)}; score check ${report.scoreCheck.passed ? "passed" : "FAILED"})`,
  );
  lines.push(`  deviance:       ${report.deviance.toPrecision(10)}   pseudo R² ${report.pseudoRSquared.toFixed(8)}   pseudo log-likelihood ${report.pseudoLogLikelihood.toFixed(1)}`);
  lines.push("");
  const rows = [...report.coefficients, ...report.combinations];
  const width = Math.max(12, ...rows.map((c) => c.name.length)) + 2;
  const num = (x: number) => x.toPrecision(7).padStart(14);
  lines.push(`${"".padEnd(width)}${"coefficient".padStart(14)}${"std. error".padStart(14)}${"z".padStart(14)}${"P>|z|".padStart(14)}`);
  for (const c of report.coefficients) lines.push(`${c.name.padEnd(width)}${num(c.estimate)}${num(c.stdError)}${num(c.zValue)}${num(c.pValue)}`);
  if (report.combinations.length) {
    lines.push("linear combinations:");
    for (const c of report.combinations) lines.push(`${c.name.padEnd(width)}${num(c.estimate)}${num(c.stdError)}${num(c.zValue)}${num(c.pValue)}`);
  }
  for (const d of report.droppedRegressors) lines.push(`${d.name.padEnd(width)}dropped: ${d.reason}`);
  if (o.droppedList.length) {
    const shown = o.droppedList.filter((d) => d.reason !== "missing").slice(0, 10);
    if (shown.length) {
      lines.push("");
      lines.push("dropped observations (first 10 singleton/separated, data row numbers from 1):");
      for (const d of shown) lines.push(`  row ${d.row + 1}: ${d.reason}${d.detail ? ` — ${d.detail}` : ""}`);
    }
  }
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  return lines.join("\n") + "\n";
}
