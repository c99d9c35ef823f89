import { message } from "../messages.js";
import type { SolverResult } from "../solver/result.js";
import { compensatedSum } from "../util/sum.js";

/**
 * Poisson pseudo-maximum likelihood (PPML, Santos Silva & Tenreyro 2006) for one cross-section of
 * bilateral flows with exporter and importer fixed effects, a few covariates and an optional offset,
 * no constant, the reference importer's dummy omitted — the Advanced Guide's first-stage gravity
 * regression (Yotov et al. 2016, Ch. 2, `TradeWithoutBorder.do`:101; spec one-sector.md §1.3):
 *
 *   E[y_ij] = μ_ij = exp(α_i + γ_j + Σ_k β_k x_k,ij + o_ij),   γ_reference = 0
 *
 * Solved by iteratively reweighted least squares (Newton on the Poisson likelihood), stopping on the
 * relative change of the deviance like Stata's `ppml`/`glm`. Index order [i*N + j], exporter i,
 * importer j. A later high-dimensional-FE estimator replaces this one behind the same interface.
 */
export interface PoissonFixedEffectsInput {
  /** Dependent variable y_ij ≥ 0, [i*N + j]. */
  y: Float64Array;
  N: number;
  covariates: Record<string, Float64Array>;
  offset?: Float64Array;
  /** Index of the importer whose fixed effect is omitted (γ = 0). */
  reference: number;
  /** Relative deviance change |D_k − D_{k−1}| / (|D_k| + 0.1) that stops the iteration. */
  tolerance?: number;
  maxIterations?: number;
}

export interface PoissonFixedEffectsFit {
  coefficients: Record<string, number>;
  /** α_i (log scale), length N. */
  exporterFE: Float64Array;
  /** γ_j (log scale), length N, γ_reference = 0. */
  importerFE: Float64Array;
  /** μ_ij, [i*N + j]. */
  fitted: Float64Array;
  converged: boolean;
  iterations: number;
  deviance: number;
  solver: Omit<SolverResult<unknown>, "value">;
}

/** Tighter than Stata's ppml default (1e-8) so that coefficients settle to all printed digits. */
export const PPML_DEFAULT_TOLERANCE = 1e-12;

export function fitPoissonFixedEffects(input: PoissonFixedEffectsInput): PoissonFixedEffectsFit {
  const { y, N, reference } = input;
  const names = Object.keys(input.covariates);
  const columns = names.map((n) => input.covariates[n]);
  const tolerance = input.tolerance ?? PPML_DEFAULT_TOLERANCE;
  const maxIterations = input.maxIterations ?? 100;
  const layout = parameterLayout(N, reference, names.length);
  const P = layout.size;
  const offset = input.offset ?? new Float64Array(N * N);

  const mu = new Float64Array(N * N);
  const eta = new Float64Array(N * N);
  const mean = compensatedSum(y) / (N * N);
  for (let k = 0; k < N * N; k++) {
    mu[k] = (y[k] + mean) / 2;
    eta[k] = Math.log(mu[k]);
  }
  const normal = new Float64Array(P * P);
  const rhs = new Float64Array(P);
  const beta = new Float64Array(P);
  const linear = new Float64Array(N * N);
  let deviance = poissonDeviance(y, mu);
  let previous = Infinity;
  let iterations = 0;
  let change = Infinity;
  const warnings: string[] = [];
  while (iterations < maxIterations) {
    iterations++;
    assembleNormalEquations(N, layout, columns, y, mu, eta, offset, normal, rhs);
    solveSymmetricPositive(P, normal, rhs, beta);
    linearPredictor(N, layout, columns, beta, offset, linear);
    let step = 1;
    let candidate = Infinity;
    for (let halving = 0; halving < 30; halving++) {
      for (let k = 0; k < N * N; k++) mu[k] = Math.exp(eta[k] + step * (linear[k] - eta[k]));
      candidate = poissonDeviance(y, mu);
      if (Number.isFinite(candidate) && candidate <= deviance * (1 + 1e-12) + 1e-9) break;
      step /= 2;
    }
    if (step < 1) warnings.push(message.stepHalved("poisson-irls", step, iterations));
    for (let k = 0; k < N * N; k++) eta[k] += step * (linear[k] - eta[k]);
    previous = deviance;
    deviance = candidate;
    change = Math.abs(deviance - previous) / (Math.abs(deviance) + 0.1);
    if (change < tolerance) break;
  }
  const converged = change < tolerance;
  const exporterFE = new Float64Array(N);
  const importerFE = new Float64Array(N);
  for (let i = 0; i < N; i++) exporterFE[i] = beta[layout.exporter(i)];
  for (let j = 0; j < N; j++) importerFE[j] = j === reference ? 0 : beta[layout.importer(j)];
  const coefficients = Object.fromEntries(names.map((n, k) => [n, beta[layout.covariate(k)]]));
  return {
    coefficients,
    exporterFE,
    importerFE,
    fitted: mu,
    converged,
    iterations,
    deviance,
    solver: {
      converged,
      iterations,
      residual: change,
      residualNorm: "relative deviance change",
      tolerance,
      method: "poisson-irls",
      warnings,
    },
  };
}

interface ParameterLayout {
  size: number;
  exporter(i: number): number;
  /** Position of importer j's dummy; −1 for the omitted reference. */
  importer(j: number): number;
  covariate(k: number): number;
}

/** Parameter order: N exporter dummies, N−1 importer dummies (reference omitted), K covariates. */
function parameterLayout(N: number, reference: number, K: number): ParameterLayout {
  return {
    size: 2 * N - 1 + K,
    exporter: (i) => i,
    importer: (j) => (j === reference ? -1 : N + (j < reference ? j : j - 1)),
    covariate: (k) => 2 * N - 1 + k,
  };
}

/**
 * X'WX and X'Wz of one IRLS step, W = diag(μ), z = η − o + (y − μ)/μ, exploiting that the dummy
 * columns are indicators (no dense N²×P design matrix is formed). Writes into `normal` (P×P) and `rhs`.
 */
function assembleNormalEquations(
  N: number,
  layout: ParameterLayout,
  columns: Float64Array[],
  y: Float64Array,
  mu: Float64Array,
  eta: Float64Array,
  offset: Float64Array,
  normal: Float64Array,
  rhs: Float64Array,
): void {
  const P = layout.size;
  const K = columns.length;
  normal.fill(0);
  rhs.fill(0);
  const rows = new Int32Array(2 + K);
  const values = new Float64Array(2 + K);
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) {
      const k = i * N + j;
      const w = mu[k];
      const z = eta[k] - offset[k] + (y[k] - mu[k]) / mu[k];
      let count = 0;
      rows[count] = layout.exporter(i);
      values[count++] = 1;
      const imp = layout.importer(j);
      if (imp >= 0) {
        rows[count] = imp;
        values[count++] = 1;
      }
      for (let c = 0; c < K; c++) {
        rows[count] = layout.covariate(c);
        values[count++] = columns[c][k];
      }
      for (let a = 0; a < count; a++) {
        rhs[rows[a]] += w * values[a] * z;
        for (let b = 0; b < count; b++) normal[rows[a] * P + rows[b]] += w * values[a] * values[b];
      }
    }
}

/** η_ij = o_ij + α_i + γ_j + Σ_k β_k x_k,ij into `out`. */
function linearPredictor(N: number, layout: ParameterLayout, columns: Float64Array[], beta: Float64Array, offset: Float64Array, out: Float64Array): void {
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) {
      const k = i * N + j;
      const imp = layout.importer(j);
      let value = offset[k] + beta[layout.exporter(i)] + (imp >= 0 ? beta[imp] : 0);
      for (let c = 0; c < columns.length; c++) value += beta[layout.covariate(c)] * columns[c][k];
      out[k] = value;
    }
}

/** Poisson deviance D = 2 Σ [y ln(y/μ) − (y − μ)], with y ln(y/μ) = 0 at y = 0 (compensated sum). */
export function poissonDeviance(y: Float64Array, mu: Float64Array): number {
  const terms = new Float64Array(y.length);
  for (let k = 0; k < y.length; k++) terms[k] = 2 * ((y[k] > 0 ? y[k] * Math.log(y[k] / mu[k]) : 0) - (y[k] - mu[k]));
  return compensatedSum(terms);
}

/**
 * Solves A x = b for symmetric positive definite A (P×P, row-major) by Cholesky after symmetric
 * Jacobi scaling D^(−1/2) A D^(−1/2), which tames the spread of magnitudes between fixed-effect and
 * covariate columns. `A` and `b` are overwritten.
 */
function solveSymmetricPositive(P: number, A: Float64Array, b: Float64Array, x: Float64Array): void {
  const scale = new Float64Array(P);
  for (let r = 0; r < P; r++) scale[r] = A[r * P + r] > 0 ? 1 / Math.sqrt(A[r * P + r]) : 1;
  for (let r = 0; r < P; r++) {
    b[r] *= scale[r];
    for (let c = 0; c < P; c++) A[r * P + c] *= scale[r] * scale[c];
  }
  for (let c = 0; c < P; c++) {
    let diagonal = A[c * P + c];
    for (let k = 0; k < c; k++) diagonal -= A[c * P + k] * A[c * P + k];
    const pivot = Math.sqrt(Math.max(diagonal, 1e-300));
    A[c * P + c] = pivot;
    for (let r = c + 1; r < P; r++) {
      let value = A[r * P + c];
      for (let k = 0; k < c; k++) value -= A[r * P + k] * A[c * P + k];
      A[r * P + c] = value / pivot;
    }
  }
  for (let r = 0; r < P; r++) {
    let value = b[r];
    for (let k = 0; k < r; k++) value -= A[r * P + k] * x[k];
    x[r] = value / A[r * P + r];
  }
  for (let r = P - 1; r >= 0; r--) {
    let value = x[r];
    for (let k = r + 1; k < P; k++) value -= A[k * P + r] * x[k];
    x[r] = value / A[r * P + r];
  }
  for (let r = 0; r < P; r++) x[r] *= scale[r];
}
