import { message } from "../../messages.js";
import type { SolverResult } from "../../solver/result.js";

/**
 * Exporter and importer fixed effects of structural gravity, solved by iterative proportional
 * fitting (IPF, Sinkhorn–Knopp scaling).
 *
 * Model (Yotov, Piermartini, Monteiro & Larch 2016, *Advanced Guide*, Ch. 2, eq. (2)–(3) in FE form):
 *
 *   X̂_ij = exp(π_i) · exp(χ_j) · τ_ij,   τ_ij = t_ij^(1−σ)
 *
 * A PPML whose only regressors are exporter and importer dummies plus the fixed offset ln τ satisfies
 * the adding-up conditions Σ_j X̂_ij = R_i and Σ_i X̂_ij = C_j (spec one-sector.md §1.4), so that
 * regression is solved exactly by alternating
 *
 *   exp(π_i) = R_i / Σ_j τ_ij exp(χ_j),   exp(χ_j) = C_j / Σ_i τ_ij exp(π_i),
 *
 * then rescaling so that exp(χ_reference) = 1 (the omitted importer dummy). The same scaling problem
 * is gegravity's multilateral-resistance system (spec §2.3; see multilateralResistances.ts).
 *
 * Index order: τ[i*N + j], exporter i, importer j (sector 0 of data/dataset.ts).
 */
export interface FixedEffectsProblem {
  N: number;
  /** τ_ij = t_ij^(1−σ) ≥ 0, [i*N + j]. */
  tradeCosts: Float64Array;
  /** R_i: the fitted row (exporter) totals, length N. */
  rowTargets: Float64Array;
  /** C_j: the fitted column (importer) totals, length N; Σ C must equal Σ R. */
  columnTargets: Float64Array;
  /** Index of the reference importer whose exp(χ) is normalised to 1. */
  reference: number;
}

export interface FixedEffects {
  /** exp(π_i), length N. */
  exporter: Float64Array;
  /** exp(χ_j), length N, with exp(χ_reference) = 1. */
  importer: Float64Array;
}

export interface IpfOptions {
  /** Stop when max_i |Σ_j X̂_ij / R_i − 1| falls below this (column totals hold exactly after each sweep). */
  tolerance?: number;
  maxIterations?: number;
  /** Warm start for exp(χ); it is not modified. */
  initialImporter?: Float64Array;
}

/** Relative row-total error reachable in double precision for N up to a few hundred. */
export const IPF_DEFAULT_TOLERANCE = 1e-13;
const IPF_DEFAULT_MAX_ITERATIONS = 200_000;

/** Row and column totals of a block that agree this closely are equal up to rounding. */
const BLOCK_TOTALS_TOLERANCE = 1e-9;

/**
 * Whether any fit can meet the targets: within every block of rows and columns that τ > 0 connects (with the
 * rows and columns whose target is positive), the row totals must equal the column totals — otherwise no
 * scaling of the block's flows matches both. Returns the largest relative gap, 0 when feasible.
 */
function blockTotalsMismatch(N: number, tau: Float64Array, rowTargets: Float64Array, columnTargets: Float64Array): number {
  // Union–find over N row nodes (0…N−1) and N column nodes (N…2N−1).
  const parent = Int32Array.from({ length: 2 * N }, (_, k) => k);
  const root = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k]];
    return k;
  };
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++)
      if (tau[i * N + j] > 0) {
        const a = root(i);
        const b = root(N + j);
        if (a !== b) parent[a] = b;
      }
  const rows = new Float64Array(2 * N);
  const columns = new Float64Array(2 * N);
  for (let i = 0; i < N; i++) rows[root(i)] += rowTargets[i];
  for (let j = 0; j < N; j++) columns[root(N + j)] += columnTargets[j];
  let worst = 0;
  for (let k = 0; k < 2 * N; k++) {
    const scale = Math.max(rows[k], columns[k]);
    if (scale > 0) worst = Math.max(worst, Math.abs(rows[k] - columns[k]) / scale);
  }
  return worst;
}

/** Solves the fixed effects by IPF; the result record carries the final relative row-total error. */
export function solveFixedEffectsIpf(problem: FixedEffectsProblem, options: IpfOptions = {}): SolverResult<FixedEffects> {
  const { N, tradeCosts, rowTargets, columnTargets, reference } = problem;
  const tolerance = options.tolerance ?? IPF_DEFAULT_TOLERANCE;
  const maxIterations = options.maxIterations ?? IPF_DEFAULT_MAX_ITERATIONS;
  const exporter = new Float64Array(N);
  const importer = options.initialImporter ? Float64Array.from(options.initialImporter) : new Float64Array(N).fill(1);
  const columnSums = new Float64Array(N);
  const mismatch = blockTotalsMismatch(N, tradeCosts, rowTargets, columnTargets);
  if (mismatch > BLOCK_TOTALS_TOLERANCE) {
    // No fit meets these targets: say so at once rather than sweep to the budget.
    return { converged: false, iterations: 0, residual: mismatch, residualNorm: "max relative row-total error", tolerance, method: "ipf", warnings: [message.ipfTargetsInfeasible(mismatch)], value: { exporter, importer } };
  }
  let residual = Infinity;
  let iterations = 0;
  let lastFinite = Infinity;
  while (iterations < maxIterations) {
    iterations++;
    residual = updateExporterEffects(N, tradeCosts, rowTargets, importer, exporter);
    updateImporterEffects(N, tradeCosts, columnTargets, exporter, importer, columnSums);
    if (residual <= tolerance) break;
    if (residual < Infinity) lastFinite = residual;
    // After the first sweep the error is finite unless the effects overflowed (feasible targets, checked above):
    // stop, not converged, with the error of the last sweep that had one.
    else if (iterations > 1) {
      residual = lastFinite;
      break;
    }
  }
  normaliseToReference(N, exporter, importer, reference);
  return {
    converged: residual <= tolerance,
    iterations,
    residual,
    residualNorm: "max relative row-total error",
    tolerance,
    method: "ipf",
    warnings: [],
    value: { exporter, importer },
  };
}

/**
 * exp(π_i) ← R_i / Σ_j τ_ij exp(χ_j); returns max_i |exp(π_i)_old · Σ_j τ_ij exp(χ_j) / R_i − 1|,
 * the row-total error of the state before the update (Infinity on the first sweep).
 */
function updateExporterEffects(N: number, tau: Float64Array, rowTargets: Float64Array, importer: Float64Array, exporter: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < N; i++) {
    let weighted = 0;
    const row = i * N;
    for (let j = 0; j < N; j++) weighted += tau[row + j] * importer[j];
    const target = rowTargets[i];
    const updated = weighted > 0 ? target / weighted : 0;
    if (target > 0) {
      const error = exporter[i] > 0 ? Math.abs((exporter[i] * weighted) / target - 1) : Infinity;
      if (!(error <= worst)) worst = error;
    }
    exporter[i] = updated;
  }
  return worst;
}

/** exp(χ_j) ← C_j / Σ_i τ_ij exp(π_i); `columnSums` is caller-provided scratch of length N. */
function updateImporterEffects(
  N: number,
  tau: Float64Array,
  columnTargets: Float64Array,
  exporter: Float64Array,
  importer: Float64Array,
  columnSums: Float64Array,
): void {
  columnSums.fill(0);
  for (let i = 0; i < N; i++) {
    const a = exporter[i];
    if (a === 0) continue;
    const row = i * N;
    for (let j = 0; j < N; j++) columnSums[j] += tau[row + j] * a;
  }
  for (let j = 0; j < N; j++) importer[j] = columnSums[j] > 0 ? columnTargets[j] / columnSums[j] : 0;
}

/** Rescales (exp π, exp χ) → (c·exp π, exp χ / c) with c = exp(χ_reference), leaving X̂ unchanged. */
function normaliseToReference(N: number, exporter: Float64Array, importer: Float64Array, reference: number): void {
  const scale = importer[reference];
  if (!(scale > 0) || !Number.isFinite(scale)) return;
  for (let k = 0; k < N; k++) {
    exporter[k] *= scale;
    importer[k] /= scale;
  }
}

/** X̂_ij = exp(π_i)·exp(χ_j)·τ_ij into `out` [i*N + j]. */
export function fittedFlows(N: number, tradeCosts: Float64Array, effects: FixedEffects, out: Float64Array): Float64Array {
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) out[i * N + j] = effects.exporter[i] * effects.importer[j] * tradeCosts[i * N + j];
  return out;
}

/** Row totals (j summed) of an N×N matrix [i*N + j] into `out`. */
export function rowTotals(N: number, matrix: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let j = 0; j < N; j++) s += matrix[i * N + j];
    out[i] = s;
  }
  return out;
}

/** Column totals (i summed) of an N×N matrix [i*N + j] into `out`. */
export function columnTotals(N: number, matrix: Float64Array, out: Float64Array): Float64Array {
  out.fill(0);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) out[j] += matrix[i * N + j];
  return out;
}

/** Foreign totals Σ_{j≠i} M_ij (exports of i) into `out`. */
export function foreignRowTotals(N: number, matrix: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let j = 0; j < N; j++) if (j !== i) s += matrix[i * N + j];
    out[i] = s;
  }
  return out;
}

/** Foreign totals Σ_{i≠j} M_ij (imports of j) into `out`. */
export function foreignColumnTotals(N: number, matrix: Float64Array, out: Float64Array): Float64Array {
  out.fill(0);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (j !== i) out[j] += matrix[i * N + j];
  return out;
}
