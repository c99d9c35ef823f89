/** Public names of the structural-gravity models (Advanced Guide GEPPML and gegravity OneSectorGE). */
export { agModel, calibrateAg, solveAg, type AgBaseline } from "./agModel.js";
export { gegravityModel, calibrateGegravity, solveGegravity, modeledFlows, type GegravityBaseline } from "./gegravityModel.js";
export {
  agParamsSchema,
  gegravityParamsSchema,
  GEGRAVITY_EXAMPLE_COEFFICIENTS,
  type AgParams,
  type AgParamsInput,
  type GegravityParams,
  type GegravityParamsInput,
} from "./params.js";
export { runAgModel, runGegravityModel } from "./run.js";
export { solveFixedEffectsIpf, fittedFlows, type FixedEffects, type FixedEffectsProblem } from "./fixedEffectsIpf.js";
export { solveMultilateralResistances, type MultilateralResistances } from "./multilateralResistances.js";
export { tradeCostsFromCovariates, counterfactualTradeCosts, CONSTANT_REGRESSOR } from "./tradeCosts.js";
export { solveAgStataLoop, stataStoppingStatistic, STATA_LOOP_TOLERANCE } from "./agStataLoop.js";
export { solveAgExactFullGe } from "./agExactFullGe.js";
