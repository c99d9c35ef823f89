import { z } from "zod";
import type { Dataset } from "../../src/data/dataset.js";
import type { ModelCatalog } from "../../src/models/catalog.js";
import type { CompiledPolicy, Model, ModelOutcome } from "../../src/models/types.js";

/**
 * A tiny model and dataset for the server and dashboard tests: they exercise the HTTP shell, not
 * economics. The "fake" model reports welfareChangePct_i = −100 × (mean tariff on i's exports)
 * + 100 × (mean change of the covariate pta on i's exports), a hand-checkable number, and can be made
 * slow (`delayMs`, a busy wait per phase) to test the queue, the 429 path and the time limit. Loaded
 * by the server (and its solve workers) as a catalog module.
 */
/** A one-sector dataset of these countries: domestic sales 100, every export 10, covariate pta 0. */
function fakeDataset(name: string, title: string, codes: string[]): Dataset {
  const N = codes.length;
  return {
    meta: { name, title, year: 2020, units: "USD", source: "tests/support/fakeCatalog.ts", licence: "test data", attribution: "none", derivation: [], notes: [] },
    countries: codes.map((code) => ({ code, name: `Country ${code}` })),
    sectors: [{ code: "ALL", name: "All goods", tradable: true }],
    flows: Float64Array.from({ length: N * N }, (_, k) => (Math.floor(k / N) === k % N ? 100 : 10)),
    tariffs: {},
    covariates: { pta: new Float64Array(N * N) },
    groups: { G2: ["USA", "JPN"] },
    parameters: {},
  };
}

/** 100 countries: USA, JPN, CHN, DEU and 96 more (reports of the size of a real dataset's, for the soak test). */
const hundred = ["USA", "JPN", "CHN", "DEU", ...Array.from({ length: 96 }, (_, k) => `X${String(k).padStart(2, "0")}`)];

export const datasets: Record<string, Dataset> = {
  "fake-4": fakeDataset("fake-4", "Four-country test dataset", ["USA", "JPN", "CHN", "DEU"]),
  "fake-100": fakeDataset("fake-100", "Hundred-country test dataset", hundred),
};

const params = z.object({ delayMs: z.number().int().min(0).max(60_000).default(0) }).strict();
type Params = z.infer<typeof params>;
type Baseline = Params & { N: number };

function busyWait(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    /* spin: a CPU-bound stand-in for a solve */
  }
}

const fakeModel: Model<Params, Baseline> = {
  id: "fake",
  calibrate: (data, p) => ({ ...p, N: data.countries.length }),
  solve(p, policy: CompiledPolicy): ModelOutcome {
    busyWait(p.delayMs);
    const { N } = p;
    const pta = Object.hasOwn(policy.covariates, "pta") ? policy.covariates.pta : new Float64Array(N * N);
    const welfare = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      let sum = 0;
      for (let j = 0; j < N; j++) if (j !== i) sum += -policy.tariffs[i * N + j] + pta[i * N + j];
      welfare[i] = (100 * sum) / (N - 1);
    }
    return {
      solver: { converged: true, iterations: 1, residual: 0, residualNorm: "none", tolerance: 0, method: "closed form", warnings: [] },
      countries: { welfareChangePct: welfare },
      weights: new Float64Array(N).fill(1),
    };
  },
};

export const catalog: ModelCatalog = {
  fake: {
    description: "Test model: welfare change = −100 × mean tariff on the country's exports + 100 × mean change of pta on them",
    params,
    shocks: ["tariff", "covariate"],
    model: fakeModel as unknown as ModelEntryModel,
    tableKeys: ["welfareChangePct"],
  },
};
type ModelEntryModel = ModelCatalog[string]["model"];

/** A valid scenario on the fake dataset: the US sets a 20% tariff on Japan, then raises it by 10 points. */
export function fakeScenario(options: { delayMs?: number; name?: string; dataset?: string } = {}): string {
  return [
    `name: ${options.name ?? "fake tariff"}`,
    `dataset: ${options.dataset ?? "fake-4"}`,
    "model:",
    "  type: fake",
    ...(options.delayMs ? [`  delayMs: ${options.delayMs}`] : []),
    "phases:",
    "  - name: first",
    "    shocks:",
    "      - { type: tariff, importer: USA, exporter: JPN, set: 0.2 }",
    "  - name: second",
    "    shocks:",
    "      - { type: tariff, importer: USA, exporter: JPN, add: 0.1 }",
    "",
  ].join("\n");
}
