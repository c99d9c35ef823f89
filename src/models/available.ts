import type { Dataset } from "../data/dataset.js";
import type { ModelCatalog } from "./catalog.js";
import { checkGravityParams } from "./structuralGravity/checkParams.js";
import { checkCaliendoParroParams } from "./caliendoParro/params.js";
import { agModel, agParamsSchema, gegravityModel, gegravityParamsSchema } from "./structuralGravity/index.js";
import { caliendoParroModel } from "./caliendoParro/model.js";
import { caliendoParroParamsSchema } from "./caliendoParro/params.js";
import { lashkaripourModel } from "./lashkaripour/model.js";
import { checkElasticitySet } from "./elasticitySet.js";
import { lashkaripourParamsSchema } from "./lashkaripour/params.js";
import { liberationDayModel, liberationDayParamsSchema, optimalRetaliationTariff, optimalTariff, type LiberationDayBaseline } from "./liberationDay/index.js";
import { tradeElasticitiesOf } from "./caliendoParro/economy.js";
import { elasticitiesOf } from "./lashkaripour/baseline.js";
import type { ModelEntry } from "./catalog.js";

/** One-sector models whose CES elasticity σ is a parameter: ε = σ − 1. */
const sigmaElasticity: ModelEntry["tradeElasticities"] = {
  of: (params: { sigma: number }) => Float64Array.of(params.sigma - 1),
  set: (params: { sigma: number }, values) => ({ ...params, sigma: values[0] + 1 }),
};

/** Multi-sector models: ε_s by sector from the parameters (`tradeElasticities` wins over any other source). */
function sectorElasticities(of: (params: never, data: Parameters<NonNullable<ModelEntry["tradeElasticities"]>["of"]>[1]) => Float64Array): ModelEntry["tradeElasticities"] {
  return {
    of,
    set: (params: Record<string, unknown>, values) => {
      const { tradeElasticity: _one, elasticities: _set, ...rest } = params;
      return { ...rest, tradeElasticities: Array.from(values) };
    },
  };
}

const gravityShocks = ["covariate", "trade-cost", "tariff", "tariff-schedule", "embargo"];

/** The models a scenario can name in `model.type`. */
export const modelCatalog: ModelCatalog = {
  "advanced-guide": {
    description:
      "Structural gravity GE of Yotov, Piermartini, Monteiro & Larch (2016), An Advanced Guide to Trade Policy Analysis, ch. 2 (GEPPML; conditional and full-endowment GE, the book's Stata iteration by default)",
    params: agParamsSchema,
    checkParams: checkGravityParams,
    shocks: gravityShocks,
    model: agModel,
    tradeElasticities: sigmaElasticity,
    tableKeys: [
      "welfareChangePct",
      "factoryPriceChangePct",
      "exportsChangePct",
      "exportsConditionalChangePct",
      "imrChangePct",
      "omrChangePct",
      // shown only when the scenario asks for the AG NAFTA convention (conventions: [published-nafta])
      "naftaEffectExportsConditionalChangePct",
      "naftaEffectExportsChangePct",
      "naftaEffectPriceChangePct",
      "naftaEffectImrChangePct",
      "naftaEffectRealGdpChangePct",
    ],
  },
  gegravity: {
    description: "gegravity OneSectorGE (Herman 2021): one-sector structural gravity GE with factory-gate price adjustment",
    params: gegravityParamsSchema,
    checkParams: checkGravityParams,
    shocks: gravityShocks,
    model: gegravityModel,
    tradeElasticities: sigmaElasticity,
    tableKeys: ["welfareChangePct", "welfareStatistic", "factoryPriceChangePct", "termsOfTradeChangePct", "exportsChangePct", "importsChangePct", "imrChangePct", "omrChangePct"],
  },
  "liberation-day": {
    description:
      "Ignatenko, Macedoni, Lashkaripour & Simonovska (2025), Making America Great Again: The Economic Impacts of Liberation Day Tariffs (JIE): one sector, tariff revenue, labour supply, deficits held as a share of world income",
    params: liberationDayParamsSchema,
    shocks: ["tariff", "tariff-schedule", "trade-cost", "embargo", "optimal-tariff", "optimal-retaliation", "reciprocal-retaliation"],
    model: liberationDayModel,
    tradeElasticities: {
      of: (params: { tradeElasticity: number }) => Float64Array.of(params.tradeElasticity),
      set: (params: { tradeElasticity: number }, values) => ({ ...params, tradeElasticity: values[0] }),
    },
    // Table 1 of the paper, in its column order, then the real wage and tariff revenue.
    tableKeys: ["welfareChangePct", "deficitChangePct", "exportsToGdpChangePct", "importsToGdpChangePct", "employmentChangePct", "priceIndexChangePct", "realWageChangePct", "tariffRevenueShare"],
    closedFormRates: (baseline) => ({
      optimalTariff: (importer, formula) => optimalTariff(baseline as LiberationDayBaseline, importer, formula),
      optimalRetaliation: (leader) => optimalRetaliationTariff(baseline as LiberationDayBaseline, leader),
    }),
  },
  "caliendo-parro": {
    description:
      "Caliendo & Parro (2015), Estimates of the Trade and Welfare Effects of NAFTA (REStud): many sectors with input–output links, tariff revenue, deficits zero or held; as the cp2015 package solves it",
    params: caliendoParroParamsSchema,
    checkParams: (params: never, data: Dataset) => [...checkCaliendoParroParams(params, data), ...checkElasticitySet(params, data)],
    shocks: ["tariff", "tariff-schedule", "trade-cost", "embargo"],
    model: caliendoParroModel,
    tradeElasticities: sectorElasticities((params, data) => tradeElasticitiesOf(data, params)),
    // The exact welfare first, then its first-order decomposition (ToT + VoT + trade cost = first-order total).
    tableKeys: [
      "welfareChangePct",
      "termsOfTradeEffectPct",
      "volumeOfTradeEffectPct",
      "tradeCostEffectPct",
      "welfareFirstOrderPct",
      "realWageChangePct",
      "priceIndexChangePct",
      "exportsChangePct",
      "importsChangePct",
    ],
    sectorTableKeys: ["grossOutputChangePct", "sectorPriceChangePct", "sectorExportsChangePct", "sectorImportsChangePct"],
  },
  lashkaripour: {
    description:
      "Lashkaripour (2021), The Cost of a Global Tariff War: A Sufficient-Statistics Approach (JIE): many sectors without input–output links, tariff revenue rebated, balanced trade; optimal and Nash tariffs (nash-tariffs); as the tariffwar package solves it, reading the flows as tariff-inclusive expenditure as the package does",
    params: lashkaripourParamsSchema,
    checkParams: checkElasticitySet,
    shocks: ["tariff", "tariff-schedule", "trade-cost", "embargo", "nash-tariffs"],
    model: lashkaripourModel,
    tradeElasticities: sectorElasticities((params: { elasticities?: string; tradeElasticities?: number[] }, data) =>
      params.tradeElasticities ? Float64Array.from(params.tradeElasticities) : elasticitiesOf(data, params.elasticities).values,
    ),
    tableKeys: ["welfareChangePct", "welfareChangeUsd", "importTariffRate", "priceIndexChangePct", "factoryPriceChangePct", "expenditureChangePct", "exportsChangePct", "importsChangePct"],
    sectorTableKeys: ["grossOutputChangePct", "sectorPriceChangePct", "sectorExportsChangePct", "sectorImportsChangePct"],
  },
};
