import { describe, expect, it } from "vitest";
import { luFactorInPlace, luSolveInPlace, luSolveTransposedInPlace } from "../src/solver/denseLu.js";
import { buildAccountingSystem, type AccountingInput } from "../src/exposure/accountingSystem.js";
import { exposureTables } from "../src/exposure/exposureTables.js";
import { expectClose } from "./support/expectClose.js";

/** Hand-computed values are written to 6+ significant digits in the comments and as exact fractions in code; round-off of a 4×4 LU is ~1e-16. */
const TOL_HAND = 1e-12;

describe("luFactorInPlace / luSolveInPlace / luSolveTransposedInPlace", () => {
  // M = [[4, 3], [6, 3]] needs a row exchange (|6| > |4|).
  // M·x = [10, 12]:  4x + 3y = 10, 6x + 3y = 12  ⇒ 2x = 2, x = 1, y = 2.
  // Mᵀ·z = [16, 9]:  4a + 6b = 16, 3a + 3b = 9  ⇒ a + b = 3, −2a = −2, a = 1, b = 2.
  it("solve M·x = b and Mᵀ·z = c for a 2×2 case with pivoting, two right-hand sides at once", () => {
    const lu = luFactorInPlace(Float64Array.from([4, 3, 6, 3]), 2);
    expect(lu.swaps).toBe(1);
    // two right-hand sides (columns): b and 2b  ⇒ x and 2x
    const rhs = Float64Array.from([10, 20, 12, 24]);
    luSolveInPlace(lu, rhs, 2, new Float64Array(4));
    [1, 2, 2, 4].forEach((v, k) => expectClose(rhs[k], v, TOL_HAND, `x[${k}]`));
    const rhsT = Float64Array.from([16, 9]);
    luSolveTransposedInPlace(lu, rhsT, 1, new Float64Array(2));
    expectClose(rhsT[0], 1, TOL_HAND, "z[0]");
    expectClose(rhsT[1], 2, TOL_HAND, "z[1]");
  });
});

/**
 * Two countries H (0) and F (1), two sectors a (0) and b (1), no tariffs. Country-sectors in the order
 * (H,a) = 0, (H,b) = 1, (F,a) = 2, (F,b) = 3.
 *
 * γ (share of input k in gross output of sector j):  H: γ[a,a] = 0.2, γ[b,a] = 0.1, γ[a,b] = 0.3, γ[b,b] = 0
 *                                                     F: γ[a,a] = 0.1, γ[b,a] = 0.2, γ[a,b] = 0,   γ[b,b] = 0.4
 * β = 1 − Σ_k γ:  β_Ha = 0.7, β_Hb = 0.7, β_Fa = 0.7, β_Fb = 0.6
 * Sourcing: H buys sector a half from H (50) and half from F (50), sector b only from H (100);
 *           F buys everything from F (a: 100, b: 100). So F buys nothing from H.
 *
 * A[(i,k),(n,j)] = γ[n,k,j]·π[n,i,k]:
 *   row (H,a): [0.1, 0.15, 0,   0  ]
 *   row (H,b): [0.1, 0,    0,   0  ]
 *   row (F,a): [0.1, 0.15, 0.1, 0  ]
 *   row (F,b): [0,   0,    0.2, 0.4]
 * Block lower triangular, so L = [[L_HH, 0], [L_FF·A_FH·L_HH, L_FF]] with
 *   L_HH = (I − A_HH)⁻¹ = [[0.9, −0.15], [−0.1, 1]]⁻¹ = (1/0.885)·[[1, 0.15], [0.1, 0.9]]
 *   L_FF = (I − A_FF)⁻¹ = [[0.9, 0], [−0.2, 0.6]]⁻¹ = (1/0.54)·[[0.6, 0], [0.2, 0.9]]
 *   A_FH·L_HH = (1/0.885)·[[0.115, 0.15], [0, 0]]
 *   L_FH = [[0.115/(0.9·0.885), 0.15/(0.9·0.885)], [0.023/(0.54·0.885), 0.03/(0.54·0.885)]]
 *        = [[0.144382, 0.188324], [0.048127, 0.062775]]
 *
 * Direct exposure of H's sector a to F = A[(F,a),(H,a)] + A[(F,b),(H,a)] = 0.1; of H's b: 0.15.
 * Total exposure of H's a to F = 0.144382 + 0.048127 = 0.192509 (> 0.1); of H's b: 0.188324 + 0.062775 = 0.251099.
 * Total exposure of H's a to H itself = (L_HH − I) summed over H's rows = 1/0.885 − 1 + 0.1/0.885 = 0.242938.
 * Value-added content of F in H's a = 0.7·0.144382 + 0.6·0.048127 = 0.129944; of H in H's a = 0.7·1.1/0.885 = 0.870056 (sum 1).
 * F's sectors need nothing from H: their exposure to H and H's chokepoint scores for F are 0.
 */
function handCase(): AccountingInput {
  const N = 2;
  const S = 2;
  const flows = new Float64Array(S * N * N);
  const at = (s: number, i: number, j: number) => (s * N + i) * N + j;
  flows[at(0, 0, 0)] = 50;
  flows[at(0, 1, 0)] = 50;
  flows[at(1, 0, 0)] = 100;
  flows[at(0, 1, 1)] = 100;
  flows[at(1, 1, 1)] = 100;
  const inputShares = new Float64Array(N * S * S);
  const g = (n: number, k: number, j: number, v: number) => (inputShares[(n * S + k) * S + j] = v);
  g(0, 0, 0, 0.2), g(0, 1, 0, 0.1), g(0, 0, 1, 0.3), g(0, 1, 1, 0);
  g(1, 0, 0, 0.1), g(1, 1, 0, 0.2), g(1, 0, 1, 0), g(1, 1, 1, 0.4);
  return {
    N,
    S,
    flows,
    tariffs: new Float64Array(S * N * N),
    io: { inputShares, valueAddedShares: Float64Array.from([0.7, 0.7, 0.7, 0.6]), finalShares: Float64Array.from([0.5, 0.5, 0.5, 0.5]) },
  };
}

describe("exposureTables on a hand-computed 2-country × 2-sector case", () => {
  const input = handCase();
  const labels = { countries: ["H", "F"], sectors: ["a", "b"] };
  const t = exposureTables(input, labels);
  const NS = 4;
  const H = 0;
  const F = 1;

  it("buildAccountingSystem forms A = γ·π/(1 + t) as computed by hand", () => {
    const A = buildAccountingSystem(input).requirements;
    const expected = [
      [0.1, 0.15, 0, 0],
      [0.1, 0, 0, 0],
      [0.1, 0.15, 0.1, 0],
      [0, 0, 0.2, 0.4],
    ];
    for (let r = 0; r < NS; r++) for (let c = 0; c < NS; c++) expectClose(A[r * NS + c], expected[r][c], TOL_HAND, `A[${r},${c}]`);
  });

  it("direct exposure is the first-round input share", () => {
    expectClose(t.directExposure[F * NS + 0], 0.1, TOL_HAND, "direct H a ← F");
    expectClose(t.directExposure[F * NS + 1], 0.15, TOL_HAND, "direct H b ← F");
    expectClose(t.directExposure[H * NS + 2], 0, TOL_HAND, "direct F a ← H");
  });

  it("total exposure is Σ_k (L − I) by supplier, from the block inverse", () => {
    expectClose(t.totalExposure[F * NS + 0], 0.115 / (0.9 * 0.885) + 0.023 / (0.54 * 0.885), TOL_HAND, "total H a ← F (0.192509)");
    expectClose(t.totalExposure[F * NS + 1], 0.15 / (0.9 * 0.885) + 0.03 / (0.54 * 0.885), TOL_HAND, "total H b ← F (0.251099)");
    expectClose(t.totalExposure[H * NS + 0], 1 / 0.885 - 1 + 0.1 / 0.885, TOL_HAND, "total H a ← H (0.242938)");
    expectClose(t.totalExposure[H * NS + 2], 0, TOL_HAND, "total F a ← H");
    expectClose(t.totalExposure[H * NS + 3], 0, TOL_HAND, "total F b ← H");
  });

  it("value-added content by origin is v·L and sums to one", () => {
    expectClose(t.valueAddedContent[F * NS + 0], 0.7 * (0.115 / (0.9 * 0.885)) + 0.6 * (0.023 / (0.54 * 0.885)), TOL_HAND, "content H a ← F (0.129944)");
    expectClose(t.valueAddedContent[H * NS + 0], (0.7 * 1.1) / 0.885, TOL_HAND, "content H a ← H (0.870056)");
    for (let c = 0; c < NS; c++) expectClose(t.valueAddedContent[H * NS + c] + t.valueAddedContent[F * NS + c], 1, TOL_HAND, `Σ_i content column ${c}`);
  });

  it("a country that buys nothing from H has no chokepoint in H and no foreign value added in its exports", () => {
    for (let k = 0; k < 2; k++) expectClose(t.chokepoints[F * NS + H * 2 + k], 0, TOL_HAND, `chokepoint of (H,${k}) for F`);
    expectClose(t.tiva.foreignValueAddedInExports[F], 0, TOL_HAND, "EXGR_FVA of F");
    expectClose(t.tiva.grossExports[H], 0, TOL_HAND, "gross exports of H");
  });
});
