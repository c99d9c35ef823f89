import { luFactorInPlace, luSolveInPlace, luSolveTransposedInPlace, type LuFactor } from "../solver/denseLu.js";

/**
 * The Leontief inverse L = (I − A)⁻¹ of an input-requirement matrix (spec scenarios-and-strategy.md §5;
 * Leontief 1936; Miller & Blair, Input–Output Analysis, 2nd ed., §2.3), never formed: I − A is factored
 * once by a dense LU with partial pivoting (denseLu.ts) and every product L·B or Bᵀ·L the accounting
 * needs is a pair of triangular solves with that factor. Forming L would cost 2n³ flops more and be
 * less accurate; the accounting needs only 4N right-hand sides (N countries), not n = N·S.
 */
export interface LeontiefSolver {
  n: number;
  lu: LuFactor;
  /** B ← L·B for an n×m row-major block (m right-hand sides). */
  times(block: Float64Array, m: number): void;
  /** B ← (Bᵀ·L)ᵀ = Lᵀ·B for an n×m row-major block: row vectors times L. */
  transposeTimes(block: Float64Array, m: number): void;
  /** Human-readable account of the method, for reports. */
  method: string;
  /** Right-hand sides solved so far. */
  solves(): number;
}

export function leontiefSolver(requirements: Float64Array, n: number): LeontiefSolver {
  const system = new Float64Array(n * n);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) system[r * n + c] = (r === c ? 1 : 0) - requirements[r * n + c];
  const lu = luFactorInPlace(system, n);
  let count = 0;
  let work = new Float64Array(0);
  const scratch = (m: number) => {
    if (work.length < n * m) work = new Float64Array(n * m);
    return work;
  };
  return {
    n,
    lu,
    times(block, m) {
      luSolveInPlace(lu, block, m, scratch(m));
      count += m;
    },
    transposeTimes(block, m) {
      luSolveTransposedInPlace(lu, block, m, scratch(m));
      count += m;
    },
    method: `dense LU with partial pivoting of I − A (${n}×${n}, ${lu.swaps} row exchanges), factored once; L·b and bᵀ·L by triangular solves with the factor, the inverse never formed`,
    solves: () => count,
  };
}
