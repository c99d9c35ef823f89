/**
 * Deterministic synthetic worlds for the scaling benches (never used by the package itself).
 *
 * `syntheticOneSectorWorld(N, seed)`: N countries with log-normal sizes on a unit square; importer j
 * spends E_j ∝ size_j, a share 0.5–0.95 at home (world-2023's range) and the rest over suppliers by a
 * gravity weight size_i / d_ij (about 10% of foreign pairs zero, as in real data); ν
 * between 0.11 and 0.27 (world-2023's range). The policy is a Liberation-Day-like one: the largest
 * country levies 10–50% on every partner. Same (N, seed) → same bytes.
 *
 * `syntheticMultiSectorWorld(N, S, seed)`: the same geography with S sectors, trade elasticities 2–10,
 * an input–output block (γ, β, α) whose shares sum to one, and flows that are the model's equilibrium at
 * zero tariffs (as data are at their baseline); the policy is random tariffs up to 10% on every foreign pair.
 */
import type { Dataset } from "../src/data/dataset.js";
import type { CompiledPolicy } from "../src/models/types.js";
import { seededRandom } from "../tests/support/seededRandom.js";

/** A standard normal draw (Box–Muller) from a uniform generator. */
function normal(random: () => number): number {
  const u = Math.max(random(), 1e-300);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

interface Geography {
  size: Float64Array;
  /** d_ij on the unit square, with d_ii = a small internal distance. */
  distance: Float64Array;
}

function geography(N: number, random: () => number): Geography {
  const size = new Float64Array(N);
  const x = new Float64Array(N);
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    size[i] = Math.exp(1.5 * normal(random));
    x[i] = random();
    y[i] = random();
  }
  const distance = new Float64Array(N * N);
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) distance[i * N + j] = i === j ? 0.02 : Math.hypot(x[i] - x[j], y[i] - y[j]) + 0.05;
  return { size, distance };
}

function meta(name: string) {
  return { name, title: name, year: 2000, units: "synthetic units", source: "bench/syntheticWorld.ts", licence: "none", attribution: "none", derivation: [], notes: [] };
}

export function syntheticOneSectorWorld(N: number, seed = 1): { data: Dataset; policy: CompiledPolicy } {
  const random = seededRandom(seed);
  const { size, distance } = geography(N, random);
  // Importer j spends E_j ∝ size_j: a share δ_j ∈ [0.5, 0.95] at home, the rest over its suppliers
  // in proportion to size_i / d_ij (about 10% of foreign pairs are zero, as in real data).
  const flows = new Float64Array(N * N);
  const weight = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    const domesticShare = 0.5 + 0.45 * random();
    let total = 0;
    for (let i = 0; i < N; i++) {
      weight[i] = i === j || random() < 0.1 ? 0 : (size[i] * (0.5 + random())) / distance[i * N + j];
      total += weight[i];
    }
    for (let i = 0; i < N; i++) flows[i * N + j] = size[j] * (i === j ? domesticShare : ((1 - domesticShare) * weight[i]) / total);
  }
  const nu = Array.from({ length: N }, () => 0.11 + 0.16 * random());
  const countries = Array.from({ length: N }, (_, k) => ({ code: `C${String(k).padStart(3, "0")}`, name: `Country ${k}` }));
  const data: Dataset = {
    meta: meta(`synthetic-${N}`),
    countries,
    sectors: [{ code: "ALL", name: "All goods", tradable: true }],
    flows,
    tariffs: {},
    covariates: {},
    groups: {},
    parameters: { "liberationDay.nu": nu },
  };
  let largest = 0;
  for (let i = 1; i < N; i++) if (size[i] > size[largest]) largest = i;
  const tariffs = new Float64Array(N * N);
  for (let i = 0; i < N; i++) if (i !== largest) tariffs[i * N + largest] = 0.1 + 0.4 * random();
  return { data, policy: { tariffs, tradeCostFactors: new Float64Array(N * N).fill(1), covariates: {} } };
}

export function syntheticMultiSectorWorld(N: number, S: number, seed = 1): { data: Dataset; policy: CompiledPolicy } {
  const random = seededRandom(seed);
  const { size, distance } = geography(N, random);
  // Trade shares π[(s*N + i)*N + j]: importer j's sector-s spending, a share 0.5–0.95 at home and the
  // rest over suppliers by size_i / d_ij with sector noise.
  const shares = new Float64Array(S * N * N);
  const elasticities = new Float64Array(S);
  const weight = new Float64Array(N);
  for (let s = 0; s < S; s++) {
    elasticities[s] = 2 + 8 * random();
    for (let j = 0; j < N; j++) {
      const domesticShare = 0.5 + 0.45 * random();
      let total = 0;
      for (let i = 0; i < N; i++) {
        weight[i] = i === j ? 0 : (size[i] * (0.5 + random())) / distance[i * N + j];
        total += weight[i];
      }
      for (let i = 0; i < N; i++) shares[(s * N + i) * N + j] = i === j ? domesticShare : ((1 - domesticShare) * weight[i]) / total;
    }
  }
  const inputShares = new Float64Array(N * S * S);
  const valueAddedShares = new Float64Array(N * S);
  const finalShares = new Float64Array(N * S);
  for (let n = 0; n < N; n++) {
    let finalTotal = 0;
    for (let j = 0; j < S; j++) {
      const beta = 0.3 + 0.4 * random();
      valueAddedShares[n * S + j] = beta;
      const raw = Float64Array.from({ length: S }, () => random());
      const total = raw.reduce((a, b) => a + b, 0);
      // γ[(n*S + k)*S + j]: share of sector-k inputs in sector j's costs; Σ_k γ = 1 − β.
      for (let k = 0; k < S; k++) inputShares[(n * S + k) * S + j] = ((1 - beta) * raw[k]) / total;
      finalShares[n * S + j] = (0.2 + random()) * size[n];
      finalTotal += finalShares[n * S + j];
    }
    for (let j = 0; j < S; j++) finalShares[n * S + j] /= finalTotal;
  }
  const flows = equilibriumFlows(N, S, shares, inputShares, valueAddedShares, finalShares);
  const countries = Array.from({ length: N }, (_, k) => ({ code: `C${String(k).padStart(3, "0")}`, name: `Country ${k}` }));
  const data: Dataset = {
    meta: meta(`synthetic-${N}x${S}`),
    countries,
    sectors: Array.from({ length: S }, (_, s) => ({ code: `S${String(s).padStart(3, "0")}`, name: `Sector ${s}`, tradable: true })),
    flows,
    tariffs: {},
    covariates: {},
    groups: {},
    parameters: {},
    tradeElasticities: elasticities,
    io: { inputShares, valueAddedShares, finalShares },
  };
  const tariffs = new Float64Array(S * N * N);
  for (let s = 0; s < S; s++) for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (i !== j) tariffs[(s * N + i) * N + j] = 0.1 * random();
  return { data, policy: { tariffs, tradeCostFactors: new Float64Array(S * N * N).fill(1), covariates: {} } };
}

/**
 * Flows that are an equilibrium of the Caliendo–Parro model at zero tariffs and balanced trade, so a
 * synthetic world starts where real data do (at its baseline): spending X solves
 * X[n,j] = Σ_k γ[n,j,k] Y[n,k] + α[n,j] Σ_k β[n,k] Y[n,k] with Y[i,s] = Σ_j π[i,j,s] X[j,s] — the
 * Perron vector of a column-stochastic map, found by power iteration (scale: world spending N·S).
 */
function equilibriumFlows(N: number, S: number, shares: Float64Array, inputShares: Float64Array, valueAddedShares: Float64Array, finalShares: Float64Array): Float64Array {
  let spending = new Float64Array(N * S).fill(1);
  let next = new Float64Array(N * S);
  const output = new Float64Array(N * S);
  for (let iteration = 0; iteration < 100000; iteration++) {
    output.fill(0);
    for (let s = 0; s < S; s++) for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) output[i * S + s] += shares[(s * N + i) * N + j] * spending[j * S + s];
    let total = 0;
    for (let n = 0; n < N; n++) {
      let valueAdded = 0;
      for (let k = 0; k < S; k++) valueAdded += valueAddedShares[n * S + k] * output[n * S + k];
      for (let j = 0; j < S; j++) {
        let intermediate = 0;
        for (let k = 0; k < S; k++) intermediate += inputShares[(n * S + j) * S + k] * output[n * S + k];
        next[n * S + j] = intermediate + finalShares[n * S + j] * valueAdded;
        total += next[n * S + j];
      }
    }
    let change = 0;
    for (let k = 0; k < N * S; k++) {
      next[k] *= (N * S) / total;
      change = Math.max(change, Math.abs(next[k] - spending[k]) / spending[k]);
    }
    [spending, next] = [next, spending];
    if (change < 1e-13) break;
  }
  const flows = new Float64Array(S * N * N);
  for (let s = 0; s < S; s++) for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) flows[(s * N + i) * N + j] = shares[(s * N + i) * N + j] * spending[j * S + s];
  return flows;
}
