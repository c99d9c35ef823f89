import type { CaliendoParroEquilibrium } from "./equilibrium.js";
import { mapToFloat64 } from "../../util/typedArrays.js";

/**
 * Caliendo & Parro (2015) first-order welfare decomposition as the cp2015 package computes it
 * (spec caliendo-parro-and-ossa.md §1.6, cp2015:R/compute_results.R:69-216; CP-orig Welfarelineal.m),
 * all in percent of baseline-solve income I_bln[r]. Flows T are tariff-exclusive, bilateral order
 * [(s*N + i)*N + j]; ĉ = ĉ_cfl/ĉ_bln.
 *
 *   ToT_r  = 100/I_r · Σ_s Σ_p ( T_bln[r→p,s]·(ĉ[r,s] − 1) − T_bln[p→r,s]·(ĉ[p,s] − 1) )
 *   VoT_r  = 100/I_r · Σ_s Σ_i t_bln[i→r,s]·T_bln[i→r,s]·( T_cfl[i→r,s]/(T_bln[i→r,s] + 1e-8) − ĉ[i,s] )
 *   Tech_r = −100/I_r · Σ_s Σ_i T_bln[i→r,s]·(1 + t_bln[i→r,s])·(d̂_cfl/d̂_bln − 1)
 *   welfare = ToT + VoT + Tech   (first order; not the exact Î/P̂)
 */
export interface WelfareDecomposition {
  termsOfTrade: Float64Array;
  volumeOfTrade: Float64Array;
  /** The package's "technical efficiency" term; 0 when iceberg costs do not change. */
  tradeCost: Float64Array;
  welfare: Float64Array;
  /** Number of embargoed flows left out of the trade-cost term (its linearisation is infinite there). */
  embargoedFlowsSkipped: number;
}

/** The package's guard against division by a zero baseline flow (compute_results.R). */
const ZERO_FLOW_GUARD = 1e-8;

export function welfareDecomposition(
  N: number,
  S: number,
  baseline: CaliendoParroEquilibrium,
  counterfactual: CaliendoParroEquilibrium,
  baselineTariffs: Float64Array,
  baselineTradeCostFactors: Float64Array,
  counterfactualTradeCostFactors: Float64Array,
): WelfareDecomposition {
  const termsOfTrade = new Float64Array(N);
  const volumeOfTrade = new Float64Array(N);
  const tradeCost = new Float64Array(N);
  const costChange = mapToFloat64(counterfactual.unitCost, (c, k) => c / baseline.unitCost[k]);
  let embargoedFlowsSkipped = 0;
  for (let s = 0; s < S; s++)
    for (let i = 0; i < N; i++) {
      const exporterCost = costChange[i * S + s] - 1;
      for (let r = 0; r < N; r++) {
        const k = (s * N + i) * N + r;
        const flow = baseline.flows[k];
        // Exporter i's terms-of-trade gain on sales to r is importer r's loss; the domestic term cancels.
        termsOfTrade[i] += flow * exporterCost;
        termsOfTrade[r] -= flow * exporterCost;
        volumeOfTrade[r] += baselineTariffs[k] * flow * (counterfactual.flows[k] / (flow + ZERO_FLOW_GUARD) - costChange[i * S + s]);
        const costRatio = counterfactualTradeCostFactors[k] / baselineTradeCostFactors[k];
        if (!Number.isFinite(costRatio)) {
          if (flow > 0) embargoedFlowsSkipped++;
          continue;
        }
        tradeCost[r] -= flow * (1 + baselineTariffs[k]) * (costRatio - 1);
      }
    }
  const welfare = new Float64Array(N);
  for (let r = 0; r < N; r++) {
    const scale = 100 / baseline.income[r];
    termsOfTrade[r] *= scale;
    volumeOfTrade[r] *= scale;
    tradeCost[r] *= scale;
    welfare[r] = termsOfTrade[r] + volumeOfTrade[r] + tradeCost[r];
  }
  return { termsOfTrade, volumeOfTrade, tradeCost, welfare, embargoedFlowsSkipped };
}
