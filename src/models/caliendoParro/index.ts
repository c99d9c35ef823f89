/** Caliendo & Parro (2015) multi-sector model with input–output links (spec caliendo-parro-and-ossa.md Part 1). */
export { caliendoParroModel, type CaliendoParroBaseline } from "./model.js";
export { caliendoParroParamsSchema, caliendoParroDefaults, type CaliendoParroParams } from "./params.js";
export { calibrateEconomy, deficitsFromFlows, type CaliendoParroEconomy } from "./economy.js";
export { solveEquilibrium, SOLVER_METHODS, type CaliendoParroEquilibrium, type IterationSettings } from "./equilibrium.js";
export { policyTerms, type PolicyTerms, type EconomyLabels } from "./policyTerms.js";
export { costWeights, sectorPricesAndShares } from "./sectorPrices.js";
export { inputBundleCost } from "./inputCost.js";
export { flowsOutputAndRevenue, income, impliedSpending, impliedWage } from "./marketClearing.js";
export { welfareDecomposition, type WelfareDecomposition } from "./welfareDecomposition.js";
export { caliendoParroOutcome } from "./outcome.js";
export { applySectorTariff, applySectorEmbargo, type SectorSelection } from "./sectorShocks.js";
export { andersonStep, createAndersonMemory, resetAnderson, type AndersonMemory } from "./andersonMixing.js";
