/**
 * Each country's foreign sales and purchases summed over sectors from flows stored [(s*N + i)*N + j]
 * (exporter i, importer j; the diagonal, domestic sales, left out) — plain sums, in partner order.
 */
export function foreignTrade(flows: ArrayLike<number>, N: number): { exports: Float64Array; imports: Float64Array } {
  const S = flows.length / (N * N);
  const exports = new Float64Array(N);
  const imports = new Float64Array(N);
  for (let n = 0; n < N; n++)
    for (let s = 0; s < S; s++)
      for (let p = 0; p < N; p++) {
        if (p === n) continue;
        imports[n] += flows[(s * N + p) * N + n];
        exports[n] += flows[(s * N + n) * N + p];
      }
  return { exports, imports };
}
