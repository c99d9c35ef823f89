import type { LeontiefSolver } from "./leontief.js";

/**
 * Chokepoints: for each country n, the share of its gross output that the loss of one supplier
 * country-sector (i,k) would remove, to first order and without substitution, [n*NS + i*S + k]:
 *
 *   c_n(i,k) = Σ_j (L − I)[(i,k),(n,j)]·x[(n,j)] / Σ_j x[(n,j)]
 *
 * This is the forward (supply-driven) effect of the Ghosh model, Δx' = Δv'·G with G = diag(x)⁻¹·L·diag(x)
 * (Ghosh 1958; Miller & Blair 2009, §12.2), for a loss of (i,k)'s whole supply; the identity term leaves
 * out (i,k)'s own output. It fixes every input coefficient, so it is an upper-bound reading of how much
 * output hangs on a supplier; the GE model beside it lets buyers switch suppliers.
 * N right-hand sides (x restricted to n's rows) in one block solve.
 */
export function chokepointScores(leontief: LeontiefSolver, grossOutput: Float64Array, N: number, S: number): Float64Array {
  const NS = N * S;
  const block = new Float64Array(NS * N);
  const countryOutput = new Float64Array(N);
  for (let n = 0; n < N; n++)
    for (let j = 0; j < S; j++) {
      block[(n * S + j) * N + n] = grossOutput[n * S + j];
      countryOutput[n] += grossOutput[n * S + j];
    }
  leontief.times(block, N);
  const scores = new Float64Array(N * NS);
  for (let r = 0; r < NS; r++) {
    const owner = Math.floor(r / S);
    for (let n = 0; n < N; n++) {
      if (!(countryOutput[n] > 0)) continue;
      const required = block[r * N + n] - (owner === n ? grossOutput[r] : 0);
      scores[n * NS + r] = required / countryOutput[n];
    }
  }
  return scores;
}

/** The `count` largest chokepoints of country n (optionally only foreign suppliers or some sectors). */
export function topChokepoints(
  scores: Float64Array,
  n: number,
  N: number,
  S: number,
  count: number,
  keep: (supplier: number, sector: number) => boolean = () => true,
): { supplier: number; sector: number; score: number }[] {
  const NS = N * S;
  const rows: { supplier: number; sector: number; score: number }[] = [];
  for (let r = 0; r < NS; r++) {
    const supplier = Math.floor(r / S);
    const sector = r % S;
    if (keep(supplier, sector)) rows.push({ supplier, sector, score: scores[n * NS + r] });
  }
  rows.sort((a, b) => b.score - a.score || a.supplier - b.supplier || a.sector - b.sector);
  return rows.slice(0, count);
}
