import { message } from "../messages.js";
import { compensatedSum } from "../util/sum.js";
import { buildAccountingSystem, type AccountingInput } from "./accountingSystem.js";
import { chokepointScores } from "./chokepoints.js";
import { leontiefSolver } from "./leontief.js";
import { supplierExposure } from "./supplierExposure.js";
import { tivaIndicators } from "./tiva.js";
import type { ExposureTables } from "./types.js";
import { valueAddedByOrigin } from "./valueAddedOrigin.js";
import { mapToFloat64 } from "../util/typedArrays.js";

export interface ExposureLabels {
  countries: string[];
  sectors: string[];
}

/**
 * The supply-chain exposure tables of one state of the world (spec scenarios-and-strategy.md §5):
 *
 *   flows, tariffs, γ β α ─▶ A, v, F ─▶ LU of I − A ─▶ diag(v)·L·F, v·L by origin, (L − I) by supplier,
 *   (accountingSystem)      (once)     chokepoints, TiVA, identity checks
 *
 * 1 factorisation and 4N right-hand sides (N countries). Pure: no clock, no printing; problems found
 * (inputs with no supplier) are returned as warnings.
 */
export function exposureTables(input: AccountingInput, labels: ExposureLabels): ExposureTables {
  const { N, S } = input;
  const NS = N * S;
  // 1. the global input-requirement matrix A, value-added coefficients v, final demand F
  const system = buildAccountingSystem(input);
  // 2. factor I − A once
  const leontief = leontiefSolver(system.requirements, NS);
  // 3. value added by origin in each country's final demand, and gross output x = L·F
  const { origin, grossOutput } = valueAddedByOrigin(leontief, system.valueAdded, system.finalDemand, N);
  // 4. direct and total exposure and value-added content by supplier country
  const { direct, total, content } = supplierExposure(leontief, system.requirements, system.valueAdded, N, S);
  // 5. chokepoints
  const chokepoints = chokepointScores(leontief, grossOutput, N, S);
  // 6. TiVA indicators
  const tiva = tivaIndicators(N, S, system.requirements, system.finalDemand, grossOutput, content, origin);
  // 7. identity checks
  let columnError = 0;
  const column = new Float64Array(N);
  for (let c = 0; c < NS; c++) {
    for (let i = 0; i < N; i++) column[i] = content[i * NS + c];
    columnError = Math.max(columnError, Math.abs(compensatedSum(column) - 1));
  }
  const valueAddedTerms = mapToFloat64(grossOutput, (x, r) => system.valueAdded[r] * x);
  const finalDemandTotal = new Float64Array(N);
  for (let n = 0; n < N; n++) finalDemandTotal[n] = compensatedSum(system.finalDemand, n, NS * N, N);
  let largestOutput = 0;
  let largestGap = 0;
  for (let r = 0; r < NS; r++) {
    largestOutput = Math.max(largestOutput, system.observedOutput[r]);
    largestGap = Math.max(largestGap, Math.abs(grossOutput[r] - system.observedOutput[r]));
  }

  return {
    N,
    S,
    countries: labels.countries,
    sectors: labels.sectors,
    method: { description: leontief.method, size: NS, rightHandSides: leontief.solves(), rowExchanges: leontief.lu.swaps, pivotRatio: leontief.lu.pivotRatio },
    valueAdded: system.valueAdded,
    factorValueAdded: system.factorValueAdded,
    tariffValueAdded: system.tariffValueAdded,
    grossOutput,
    finalDemandTotal,
    valueAddedOrigin: origin,
    tiva,
    directExposure: direct,
    totalExposure: total,
    valueAddedContent: content,
    chokepoints,
    checks: {
      valueAddedColumnError: columnError,
      worldValueAdded: compensatedSum(valueAddedTerms),
      worldFinalDemand: compensatedSum(finalDemandTotal),
      outputGapRelative: largestOutput > 0 ? largestGap / largestOutput : 0,
    },
    warnings: system.unsourcedInputs.map((u) => message.exposureUnsourcedInput(labels.countries[u.country], labels.sectors[u.userSector], labels.sectors[u.inputSector], u.share)),
  };
}
