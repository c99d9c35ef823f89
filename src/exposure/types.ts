/**
 * The value-added accounting of one state of the world (data year, or a solved equilibrium), spec
 * scenarios-and-strategy.md §5. Country-sectors are indexed (i, k) → i*S + k (NS = N·S); every array's
 * layout is given beside it. Levels are in the dataset's units at factory-gate (producer) prices.
 */
export interface ExposureTables {
  N: number;
  S: number;
  countries: string[];
  sectors: string[];
  /** How the Leontief system was solved. */
  method: { description: string; size: number; rightHandSides: number; rowExchanges: number; pivotRatio: number };
  /** v[(i,k)]: value added per unit of gross output (β + tariff revenue on inputs, accountingSystem.ts). */
  valueAdded: Float64Array;
  factorValueAdded: Float64Array;
  tariffValueAdded: Float64Array;
  /** x = L·Σ_n F_n: gross output the accounting's final demand requires, [(i,k)]. */
  grossOutput: Float64Array;
  /** Final demand by destination, Σ over origins, [n] (producer prices). */
  finalDemandTotal: Float64Array;
  /**
   * Value added of origin (i,k) embodied in destination n's final demand, diag(v)·L·F, [(i*S + k)*N + n].
   * Σ over origins = n's final demand; Σ over destinations = (i,k)'s value added.
   */
  valueAddedOrigin: Float64Array;
  /** OECD TiVA indicators per country [c]. */
  tiva: TivaIndicators;
  /** Direct exposure of (n,j) to supplier country i: Σ_k A[(i,k),(n,j)], [i*NS + n*S + j]. */
  directExposure: Float64Array;
  /** Total (direct + indirect) input requirement from i per unit of (n,j) output: Σ_k (L − I)[(i,k),(n,j)], [i*NS + n*S + j]. */
  totalExposure: Float64Array;
  /** Share of (n,j)'s output value that is value added in country i: Σ_k v[(i,k)]·L[(i,k),(n,j)], [i*NS + n*S + j]; Σ_i = 1. */
  valueAddedContent: Float64Array;
  /**
   * Chokepoint score of supplier (i,k) for country n: share of n's gross output lost, to first order in
   * the supply-driven (Ghosh) model, if (i,k) stopped supplying: Σ_j (L − I)[(i,k),(n,j)]·x[(n,j)] / Σ_j x[(n,j)],
   * [n*NS + i*S + k]. No substitution: an upper-bound reading next to the GE result.
   */
  chokepoints: Float64Array;
  /** Checks of the accounting identities of §5 (tests rely on them; reports show them). */
  checks: AccountingChecks;
  warnings: string[];
}

export interface TivaIndicators {
  /** Gross exports of c (intermediate + final, producer prices) implied by the accounting: e = Σ_{n≠c}(A·x + F)_n. */
  grossExports: Float64Array;
  /** EXGR_DVA: domestic value added in gross exports, Σ_j (v_c·L)[(c,j)]·e[(c,j)]. */
  domesticValueAddedInExports: Float64Array;
  /** EXGR_FVA: foreign value added in gross exports, Σ_j Σ_{i≠c} (v_i·L)[(c,j)]·e[(c,j)]. */
  foreignValueAddedInExports: Float64Array;
  /** FFD_DVA: domestic value added in foreign final demand, Σ_{n≠c} Σ_k (diag(v)·L·F)[(c,k), n]. */
  domesticValueAddedInForeignFinalDemand: Float64Array;
  /** Foreign value added in the country's own final demand, Σ_{i≠c} Σ_k (diag(v)·L·F)[(i,k), c]. */
  foreignValueAddedInFinalDemand: Float64Array;
}

export interface AccountingChecks {
  /** max over columns |Σ_i (v·L)[(n,j)] − 1|. */
  valueAddedColumnError: number;
  /** World value added Σ v·x and world final demand Σ F (producer prices), compensated sums. */
  worldValueAdded: number;
  worldFinalDemand: number;
  /** max over (i,k) |x − Y| / max(Y) with Y the observed sales: how far the data are from IO consistency. */
  outputGapRelative: number;
}
