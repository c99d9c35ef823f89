/** The Liberation Day model's public names (Ignatenko, Macedoni, Lashkaripour & Simonovska 2025). */
export { liberationDayModel, type LiberationDayModel } from "./model.js";
export { liberationDayParamsSchema, defaultLiberationDayParams, type LiberationDayParams } from "./params.js";
export { calibrateLiberationDay, passThrough, NU_PARAMETER, type LiberationDayBaseline } from "./baseline.js";
export { solveLiberationDay, type LiberationDayOutcome, type LiberationDaySolveOptions } from "./solve.js";
export { optimalTariff, optimalRetaliationTariff } from "./optimalTariff.js";
export { calibrateLocalShares, LOCAL_SHARE_TARGETS, type LocalShares } from "./localShares.js";
export { fillDomesticSales, type DomesticSalesFill } from "./domesticSales.js";
