import type { Dataset } from "../data/dataset.js";
import { TradewindsInputError, message, show } from "../messages.js";
import { MAX_TRADE_COST_FACTOR, MIN_TRADE_COST_FACTOR } from "./domains.js";
import type { ClosedFormRates } from "../models/catalog.js";
import { zeroPolicy, type CompiledPolicy } from "../models/types.js";
import { ownValue } from "../util/ownNames.js";
import type { NormalizedShock, PhaseInForce } from "./normalize.js";

export interface CompiledPhase {
  name: string;
  date?: string;
  description?: string;
  modelParams: Record<string, unknown>;
  policy: CompiledPolicy;
  /** Rates the model computed while compiling (closed-form optimal tariffs), for the report. */
  appliedRates: AppliedRate[];
}

export interface AppliedRate {
  shock: string;
  kind: "optimal-tariff" | "optimal-retaliation";
  importer: string;
  /** The exporter the rate applies to, or "all" (every exporter the shock covers). */
  exporter: string;
  rate: number;
}

/**
 * Step 3 of the pipeline: a phase's shocks, applied in order on top of the dataset's baseline
 * policy, become dense arrays in the dataset's index order. Domestic pairs (i = j) are never shocked.
 * Closed-form rates (optimal tariffs) come from the calibrated model through `rates`.
 */
export function compilePhase(
  phase: PhaseInForce,
  data: Dataset,
  rates?: ClosedFormRates,
  where: { source: string; phasePath: string } = { source: "scenario", phasePath: "phases" },
): CompiledPhase {
  const policy = zeroPolicy(data);
  const appliedRates: AppliedRate[] = [];
  for (const shock of phase.shocks) applyShock(policy, shock, data, rates, appliedRates, where.source);
  policy.origin = {
    ...where,
    shocks: phase.shocks.map((s) => ({
      path: s.path,
      type: s.type,
      importers: s.importers,
      exporters: "exporters" in s ? s.exporters : "against" in s ? [s.against] : [],
      ...(s.type === "covariate" && { covariate: s.name }),
    })),
  };
  return { name: phase.name, date: phase.date, description: phase.description, modelParams: phase.modelParams, policy, appliedRates };
}

export function applyShock(policy: CompiledPolicy, shock: NormalizedShock, data: Dataset, rates?: ClosedFormRates, applied: AppliedRate[] = [], source = "scenario"): void {
  const N = data.countries.length;
  const allSectors = data.sectors.map((_, s) => s);
  const setPairs = (exporters: number[], importers: number[], sectors: number[], visit: (k: number, i: number, j: number) => void) => {
    for (const s of sectors) for (const i of exporters) for (const j of importers) if (i !== j) visit((s * N + i) * N + j, i, j);
  };
  const needRates = (): ClosedFormRates => {
    if (rates) return rates;
    throw new TradewindsInputError([{ source, path: `${shock.path}.type`, value: JSON.stringify(shock.type), message: "this model has no closed-form optimal tariff" }]);
  };
  /** A closed form's complaint (e.g. missing calibration) located at this shock of the scenario file. */
  const atShock = (rate: () => number): number => {
    try {
      return rate();
    } catch (err) {
      if (!(err instanceof TradewindsInputError)) throw err;
      throw new TradewindsInputError(err.issues.map((issue) => ({ ...issue, source, path: `${shock.path} (${issue.path})` })));
    }
  };
  switch (shock.type) {
    case "tariff":
      setPairs(shock.exporters, shock.importers, shock.sectors, (k) => {
        policy.tariffs[k] = shock.set !== undefined ? shock.set : policy.tariffs[k] + (shock.add ?? 0);
      });
      return;
    case "tariff-schedule": {
      const schedule = ownValue(data.tariffs, shock.schedule);
      if (!schedule) throw new Error(`internal: tariff set ${JSON.stringify(shock.schedule)} passed normalization but the dataset has none`);
      const cells = scheduleCells(data, shock.schedule);
      setPairs(shock.exporters.filter(cells.exporter), shock.importers.filter(cells.importer), cells.sectors, (k) => {
        policy.tariffs[k] = Math.max(schedule[k], shock.floor ?? 0);
      });
      return;
    }
    case "trade-cost": {
      let outside: { k: number; i: number; j: number; value: number } | undefined;
      setPairs(shock.exporters, shock.importers, shock.sectors, (k, i, j) => {
        const value = policy.tradeCostFactors[k] * shock.factor;
        policy.tradeCostFactors[k] = value;
        // Stacked trade-cost shocks multiply: the product must stay in the domain too (an embargo stays Infinity).
        if (value !== Infinity && !(value >= MIN_TRADE_COST_FACTOR && value <= MAX_TRADE_COST_FACTOR)) outside ??= { k, i, j, value };
      });
      if (outside) {
        const { i, j, k, value } = outside;
        const sector = data.sectors.length > 1 ? ` in sector ${data.sectors[Math.floor(k / (N * N))].code}` : "";
        throw new TradewindsInputError([
          { source, path: `${shock.path}.factor`, value: show(shock.factor), message: message.tradeCostProductOutOfRange(`${data.countries[i].code} → ${data.countries[j].code}${sector}`, value, MIN_TRADE_COST_FACTOR, MAX_TRADE_COST_FACTOR) },
        ]);
      }
      return;
    }
    case "embargo":
      setPairs(shock.exporters, shock.importers, shock.sectors, (k) => {
        policy.tradeCostFactors[k] = Infinity;
      });
      return;
    case "covariate": {
      const base = ownValue(data.covariates, shock.name);
      if (!base) throw new Error(`internal: covariate ${JSON.stringify(shock.name)} passed normalization but the dataset has none`);
      // policy.covariates has no prototype (zeroPolicy): the name is an own key whatever it is.
      const values = (policy.covariates[shock.name] ??= Float64Array.from(base));
      for (const i of shock.exporters) for (const j of shock.importers) if (i !== j) values[i * N + j] = shock.set;
      return;
    }
    case "optimal-tariff": {
      const closedForm = needRates();
      for (const j of shock.importers) {
        const rate = atShock(() => closedForm.optimalTariff(j, shock.formula));
        setPairs(shock.exporters, [j], allSectors, (k) => {
          policy.tariffs[k] = rate;
        });
        applied.push({ shock: shock.path, kind: "optimal-tariff", importer: data.countries[j].code, exporter: "all", rate });
      }
      return;
    }
    case "reciprocal-retaliation": {
      // t[s, against → j] := t[s, j → against], the rate `against` levies on j as compiled so far.
      const a = shock.against;
      for (let s = 0; s < data.sectors.length; s++)
        for (const j of shock.importers) if (j !== a) policy.tariffs[(s * N + a) * N + j] = policy.tariffs[(s * N + j) * N + a];
      return;
    }
    case "nash-tariffs": {
      const setters = new Set([...(policy.tariffSetters ?? []), ...shock.importers]);
      policy.tariffSetters = [...setters].sort((a, b) => a - b);
      return;
    }
    case "optimal-retaliation": {
      const rate = atShock(() => needRates().optimalRetaliation(shock.against));
      setPairs([shock.against], shock.importers, allSectors, (k) => {
        policy.tariffs[k] = rate;
      });
      applied.push({ shock: shock.path, kind: "optimal-retaliation", importer: "all but " + data.countries[shock.against].code, exporter: data.countries[shock.against].code, rate });
      return;
    }
  }
}

/**
 * The cells a tariff set defines (its `covers` in the dataset's tariff-set information; all cells when
 * it has none): a `tariff-schedule` shock sets these and leaves every other rate in force, so sets
 * that cover different sectors (a Section 232 set, a reciprocal set) can be applied one after another.
 */
export function scheduleCells(data: Dataset, schedule: string): { sectors: number[]; importer: (j: number) => boolean; exporter: (i: number) => boolean } {
  const info = data.tariffSetInfo && Object.hasOwn(data.tariffSetInfo, schedule) ? data.tariffSetInfo[schedule] : undefined;
  const covers = info?.covers ?? {};
  const codeSet = (codes: string[] | undefined) => (codes ? new Set(codes) : undefined);
  const importers = codeSet(covers.importers);
  const exporters = codeSet(covers.exporters);
  const sectors = codeSet(covers.sectors);
  return {
    sectors: data.sectors.flatMap((sector, s) => (!sectors || sectors.has(sector.code) ? [s] : [])),
    importer: (j) => !importers || importers.has(data.countries[j].code),
    exporter: (i) => !exporters || exporters.has(data.countries[i].code),
  };
}
