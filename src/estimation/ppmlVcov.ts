import { choleskyInverse, choleskyWithDropping } from "./choleskyWithDropping.js";

/**
 * Variance–covariance of the PPML slopes (spec ppml.md §2.7), from the final IRLS quantities:
 * X̃ = the kept regressors with the fixed effects partialled out under weights ω = w⁰μ.
 *
 *   bread     B = (X̃'ΩX̃)⁻¹
 *   iid       V = B                                  (Poisson scale 1)
 *   robust    V = q · B (Σ_n s_n s_n') B,            s_n = w⁰_n (y_n − μ_n) x̃_n     (HC0 core)
 *   cluster   V = q · B (Σ_g S_g S_g') B,            S_g = Σ_{n∈g} s_n
 *
 * Finite-sample multiplier q by convention:
 *   "stata"  robust N/(N−1), cluster G/(G−1)       (Stata `ppml`; capybara for clusters) [verified in the spec]
 *   "fixest" robust (N−1)/(N−K), cluster (N−1)/(N−K)·G/(G−1), K = slopes + FE parameters not nested
 *            in the cluster variable (fixest `ssc(adj=TRUE, fixef.K="nested", cluster.adj=TRUE)`)
 *   "none"   q = 1.
 */
export type VcovType = "iid" | "robust" | "cluster";
export type SmallSampleConvention = "stata" | "fixest" | "none";

export interface VcovInput {
  type: VcovType;
  convention: SmallSampleConvention;
  outcome: Float64Array;
  mean: Float64Array;
  priorWeights: Float64Array | null;
  /** Kept regressors, partialled out at the final weights. */
  regressorsTilde: Float64Array[];
  /** Cluster codes 0..clusterCount−1 (type "cluster" only). */
  clusters: Int32Array | null;
  clusterCount: number;
  /** Fixed-effect parameters counted by fixest's K (already excluding the nested ones). */
  fixedEffectParameters: number;
}

export interface VcovResult {
  /** Row-major K×K. */
  matrix: Float64Array;
  multiplier: number;
}

export function ppmlVcov(input: VcovInput): VcovResult {
  const { outcome, mean, priorWeights, regressorsTilde, clusters } = input;
  const size = regressorsTilde.length;
  const observationCount = outcome.length;
  const information = new Float64Array(size * size);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = 0;
      const columnA = regressorsTilde[a];
      const columnB = regressorsTilde[b];
      for (let n = 0; n < observationCount; n++) sum += (priorWeights ? priorWeights[n] : 1) * mean[n] * columnA[n] * columnB[n];
      information[a * size + b] = sum;
      information[b * size + a] = sum;
    }
  }
  const bread = choleskyInverse(choleskyWithDropping(information, size, 0));
  if (input.type === "iid") return { matrix: bread, multiplier: 1 };

  const groupCount = input.type === "cluster" ? input.clusterCount : observationCount;
  const groupScores = new Float64Array(groupCount * size);
  for (let n = 0; n < observationCount; n++) {
    const group = input.type === "cluster" && clusters ? clusters[n] : n;
    const residual = (priorWeights ? priorWeights[n] : 1) * (outcome[n] - mean[n]);
    for (let a = 0; a < size; a++) groupScores[group * size + a] += residual * regressorsTilde[a][n];
  }
  const meat = new Float64Array(size * size);
  for (let g = 0; g < groupCount; g++) {
    for (let a = 0; a < size; a++) {
      const scoreA = groupScores[g * size + a];
      for (let b = 0; b < size; b++) meat[a * size + b] += scoreA * groupScores[g * size + b];
    }
  }
  const sandwich = multiply(multiply(bread, meat, size), bread, size);
  const multiplier = smallSampleMultiplier(input, size, observationCount);
  for (let k = 0; k < sandwich.length; k++) sandwich[k] *= multiplier;
  return { matrix: sandwich, multiplier };
}

function smallSampleMultiplier(input: VcovInput, slopeCount: number, observationCount: number): number {
  const n = observationCount;
  const g = input.clusterCount;
  const clusterFactor = input.type === "cluster" ? g / (g - 1) : 1;
  switch (input.convention) {
    case "none":
      return 1;
    case "stata":
      return input.type === "cluster" ? clusterFactor : n / (n - 1);
    case "fixest":
      return ((n - 1) / (n - slopeCount - input.fixedEffectParameters)) * clusterFactor;
  }
}

function multiply(left: Float64Array, right: Float64Array, size: number): Float64Array {
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < size; k++) {
      const l = left[i * size + k];
      for (let j = 0; j < size; j++) out[i * size + j] += l * right[k * size + j];
    }
  }
  return out;
}
