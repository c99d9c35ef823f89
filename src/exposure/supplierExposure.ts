import type { LeontiefSolver } from "./leontief.js";

/**
 * Exposure of each country-sector (n,j) to each supplier country i (spec scenarios-and-strategy.md §5),
 * all three arrays [i*NS + n*S + j]:
 *
 *   direct[i,(n,j)]  = Σ_k A[(i,k),(n,j)]            first-round inputs from i per unit of output
 *   total[i,(n,j)]   = Σ_k (L − I)[(i,k),(n,j)]      direct + indirect (A + A² + …) inputs from i
 *   content[i,(n,j)] = Σ_k v[(i,k)]·L[(i,k),(n,j)]   share of (n,j)'s output value that is i's value added
 *
 * total ≥ direct entry by entry (L − I = A + A² + … with A ≥ 0); content sums to one over i.
 * The row sums over a country's sectors are row vectors times L: 2N transposed solves in one block
 * (right-hand side i = indicator of i's rows, N + i = v restricted to i's rows).
 */
export function supplierExposure(
  leontief: LeontiefSolver,
  requirements: Float64Array,
  valueAdded: Float64Array,
  N: number,
  S: number,
): { direct: Float64Array; total: Float64Array; content: Float64Array } {
  const NS = N * S;
  const direct = new Float64Array(N * NS);
  for (let i = 0; i < N; i++)
    for (let k = 0; k < S; k++) {
      const row = (i * S + k) * NS;
      const out = i * NS;
      for (let c = 0; c < NS; c++) direct[out + c] += requirements[row + c];
    }

  const m = 2 * N;
  const block = new Float64Array(NS * m);
  for (let i = 0; i < N; i++)
    for (let k = 0; k < S; k++) {
      const r = i * S + k;
      block[r * m + i] = 1;
      block[r * m + N + i] = valueAdded[r];
    }
  leontief.transposeTimes(block, m);
  const total = new Float64Array(N * NS);
  const content = new Float64Array(N * NS);
  for (let c = 0; c < NS; c++) {
    const owner = Math.floor(c / S);
    for (let i = 0; i < N; i++) {
      // Σ_k L[(i,k),(n,j)] includes the identity's 1 on (n,j) itself when i = n.
      total[i * NS + c] = block[c * m + i] - (i === owner ? 1 : 0);
      content[i * NS + c] = block[c * m + N + i];
    }
  }
  return { direct, total, content };
}
