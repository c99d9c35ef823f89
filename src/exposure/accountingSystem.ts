import type { Dataset, InputOutput } from "../data/dataset.js";
import { compensatedSum } from "../util/sum.js";

/**
 * The flows and shares the value-added accounting reads (spec scenarios-and-strategy.md §5), for the
 * data year or for a solved equilibrium: tariff-exclusive bilateral flows T and tariff levels t in the
 * dataset order [(s*N + i)*N + j] (sector s, exporter i, importer j), and the Caliendo–Parro IO shares
 * γ, β, α of data/dataset.ts (γ a share of gross output: Σ_k γ[n,k,j] + β[n,j] = 1).
 */
export interface AccountingInput {
  N: number;
  S: number;
  flows: Float64Array;
  tariffs: Float64Array;
  io: InputOutput;
}

/** The accounting input of a dataset in its data year (its flows under its baseline tariff set). */
export function accountingInputOf(data: Dataset): AccountingInput | undefined {
  if (!data.io) return undefined;
  const N = data.countries.length;
  const S = data.sectors.length;
  const tariffs = data.baselineTariffs ? data.tariffs[data.baselineTariffs] : new Float64Array(S * N * N);
  return { N, S, flows: data.flows, tariffs, io: data.io };
}

/**
 * The global input–output system of spec §5, with NS = N·S country-sectors indexed (i, k) → i*S + k:
 *
 *   A[(i,k),(n,j)] = γ[n,k,j] · π[n,i,k] / (1 + t[n,i,k])   input requirement matrix, row-major NS×NS
 *   F[(i,k), n]    = α[n,k] · I[n] · π[n,i,k] / (1 + t[n,i,k])  final demand at producer prices, NS×N row-major
 *
 * where π/(1 + t) = T[k, i→n] / X[n,k] is the factory-gate share of n's sector-k spending bought from i,
 * X[n,k] = Σ_i T·(1 + t) the tariff-inclusive spending.
 *
 * Value-added coefficients v = β + tariff revenue on inputs: the tariff the using country n collects
 * on the intermediate inputs of one unit of (n,j)'s output, Σ_k γ[n,k,j]·Σ_i π·t/(1 + t), is income
 * of n (CP's income I = wL + R + D) that is no one's input cost. Counting it with n's value added makes
 * each column of A plus v sum to one, so every unit of output is fully accounted for (the identities of
 * §5); with v = β alone the columns would sum to 1 minus the tariff share. `factorValueAdded` (β) and
 * `tariffValueAdded` are kept apart so the split can be shown.
 *
 * Income I[n] = Σ_j β[n,j]·Y[n,j] + R[n] + D[n] (CP eq. 3, spec caliendo-parro-and-ossa.md §1.4), read
 * from the flows: Y = sales, R = tariff revenue Σ t·T, D = imports − exports. The same formula applies
 * to data and to a solved equilibrium.
 */
export interface AccountingSystem {
  N: number;
  S: number;
  requirements: Float64Array;
  valueAdded: Float64Array;
  factorValueAdded: Float64Array;
  tariffValueAdded: Float64Array;
  finalDemand: Float64Array;
  income: Float64Array;
  /** Observed gross output (sales at factory prices) Y[i*S + k], for comparison with L·F. */
  observedOutput: Float64Array;
  /**
   * Input shares γ[n,k,j] with no supplier: country n buys nothing of sector k (X = 0) yet its sector j
   * uses it. Counted in v (as n's value added) so columns still sum to one; each case is listed.
   */
  unsourcedInputs: { country: number; inputSector: number; userSector: number; share: number }[];
}

export function buildAccountingSystem(input: AccountingInput): AccountingSystem {
  const { N, S, flows, tariffs, io } = input;
  const NS = N * S;
  const size = S * N * N;
  if (flows.length !== size || tariffs.length !== size) throw new Error(`internal: accounting needs ${size} flows and tariffs, got ${flows.length}/${tariffs.length}`);

  // Spending X[n*S + k] (tariff-inclusive), factory-gate sourcing shares T/X and tariff shares t·T/X.
  const spending = new Float64Array(NS);
  const terms = new Float64Array(N);
  for (let k = 0; k < S; k++)
    for (let n = 0; n < N; n++) {
      for (let i = 0; i < N; i++) {
        const at = (k * N + i) * N + n;
        terms[i] = flows[at] * (1 + tariffs[at]);
      }
      spending[n * S + k] = compensatedSum(terms);
    }
  const sourcing = new Float64Array(size);
  const tariffShare = new Float64Array(NS);
  for (let k = 0; k < S; k++)
    for (let n = 0; n < N; n++) {
      const total = spending[n * S + k];
      if (!(total > 0)) continue;
      let taxed = 0;
      for (let i = 0; i < N; i++) {
        const at = (k * N + i) * N + n;
        sourcing[at] = flows[at] / total;
        taxed += (tariffs[at] * flows[at]) / total;
      }
      tariffShare[n * S + k] = taxed;
    }

  // Income I[n] = Σ_j β·Y + R + D from the flows.
  const observedOutput = new Float64Array(NS);
  const revenue = new Float64Array(N);
  const imports = new Float64Array(N);
  const exports = new Float64Array(N);
  for (let k = 0; k < S; k++)
    for (let i = 0; i < N; i++) {
      observedOutput[i * S + k] = compensatedSum(flows, (k * N + i) * N, (k * N + i + 1) * N);
      for (let n = 0; n < N; n++) {
        const at = (k * N + i) * N + n;
        revenue[n] += tariffs[at] * flows[at];
        if (i === n) continue;
        exports[i] += flows[at];
        imports[n] += flows[at];
      }
    }
  const income = new Float64Array(N);
  const parts = new Float64Array(S);
  for (let n = 0; n < N; n++) {
    for (let j = 0; j < S; j++) parts[j] = io.valueAddedShares[n * S + j] * observedOutput[n * S + j];
    income[n] = compensatedSum(parts) + revenue[n] + (imports[n] - exports[n]);
  }

  const requirements = new Float64Array(NS * NS);
  const factorValueAdded = Float64Array.from(io.valueAddedShares);
  const tariffValueAdded = new Float64Array(NS);
  const valueAdded = new Float64Array(NS);
  const unsourcedInputs: AccountingSystem["unsourcedInputs"] = [];
  for (let n = 0; n < N; n++)
    for (let j = 0; j < S; j++) {
      const column = n * S + j;
      let unsourced = 0;
      for (let k = 0; k < S; k++) {
        const gamma = io.inputShares[(n * S + k) * S + j];
        if (gamma === 0) continue;
        if (!(spending[n * S + k] > 0)) {
          unsourced += gamma;
          unsourcedInputs.push({ country: n, inputSector: k, userSector: j, share: gamma });
          continue;
        }
        tariffValueAdded[column] += gamma * tariffShare[n * S + k];
        for (let i = 0; i < N; i++) requirements[(i * S + k) * NS + column] = gamma * sourcing[(k * N + i) * N + n];
      }
      valueAdded[column] = factorValueAdded[column] + tariffValueAdded[column] + unsourced;
    }

  const finalDemand = new Float64Array(NS * N);
  for (let n = 0; n < N; n++)
    for (let k = 0; k < S; k++) {
      const spend = io.finalShares[n * S + k] * income[n];
      if (spend === 0) continue;
      for (let i = 0; i < N; i++) finalDemand[(i * S + k) * N + n] = spend * sourcing[(k * N + i) * N + n];
    }

  return { N, S, requirements, valueAdded, factorValueAdded, tariffValueAdded, finalDemand, income, observedOutput, unsourcedInputs };
}
