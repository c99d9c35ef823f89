import { compensatedSum } from "../util/sum.js";
import type { TivaIndicators } from "./types.js";

/**
 * OECD Trade in Value Added indicators (OECD TiVA 2023 guide, EXGR_DVA, EXGR_FVA, FFD_DVA; Koopman,
 * Wang & Wei 2014 for the v̂·L·e form) from the accounting's pieces, all per country c:
 *
 *   gross exports e[(c,j)]   = Σ_{n≠c} (Σ_l A[(c,j),(n,l)]·x[(n,l)] + F[(c,j),n])
 *   EXGR_DVA = Σ_j content[c,(c,j)]·e[(c,j)],   EXGR_FVA = Σ_j Σ_{i≠c} content[i,(c,j)]·e[(c,j)]
 *   FFD_DVA  = Σ_{n≠c} Σ_k origin[(c,k), n]
 *
 * `content` is supplierExposure's v·L by origin country [i*NS + c*S + j]; `origin` is diag(v)·L·F
 * [(i*S + k)*N + n]. EXGR_DVA + EXGR_FVA = Σ e because each column of v·L sums to one.
 */
export function tivaIndicators(
  N: number,
  S: number,
  requirements: Float64Array,
  finalDemand: Float64Array,
  grossOutput: Float64Array,
  content: Float64Array,
  origin: Float64Array,
): TivaIndicators {
  const NS = N * S;
  const grossExports = new Float64Array(N);
  const domestic = new Float64Array(N);
  const foreign = new Float64Array(N);
  const domesticAbroad = new Float64Array(N);
  const foreignAtHome = new Float64Array(N);
  const parts = new Float64Array(NS + N);
  for (let c = 0; c < N; c++) {
    for (let j = 0; j < S; j++) {
      const r = c * S + j;
      let count = 0;
      for (let n = 0; n < N; n++) {
        if (n === c) continue;
        for (let l = 0; l < S; l++) parts[count++] = requirements[r * NS + n * S + l] * grossOutput[n * S + l];
        parts[count++] = finalDemand[r * N + n];
      }
      const exported = compensatedSum(parts, 0, count);
      grossExports[c] += exported;
      domestic[c] += content[c * NS + r] * exported;
      for (let i = 0; i < N; i++) if (i !== c) foreign[c] += content[i * NS + r] * exported;
    }
    for (let k = 0; k < S; k++)
      for (let n = 0; n < N; n++) if (n !== c) domesticAbroad[c] += origin[(c * S + k) * N + n];
    for (let i = 0; i < N; i++) {
      if (i === c) continue;
      for (let k = 0; k < S; k++) foreignAtHome[c] += origin[(i * S + k) * N + c];
    }
  }
  return {
    grossExports,
    domesticValueAddedInExports: domestic,
    foreignValueAddedInExports: foreign,
    domesticValueAddedInForeignFinalDemand: domesticAbroad,
    foreignValueAddedInFinalDemand: foreignAtHome,
  };
}
