import { describe, it } from "vitest";
import { agModel } from "../src/models/structuralGravity/agModel.js";
import { agParamsSchema } from "../src/models/structuralGravity/params.js";
import { newRunContext, type ModelOutcome } from "../src/models/types.js";
import { expectClose } from "./support/expectClose.js";
import { agDataset, covariatePolicy, indexOf, readSharedCsv } from "./support/gravityFixtures.js";

/**
 * Advanced Guide (Yotov, Piermartini, Monteiro & Larch 2016), Chapter 2, Exercise 1 "removing a
 * specific border" (CAN–USA), the authors' Stata results:
 * ../shared/data/advanced-guide/removing-specific-border/FULL_{PROD,CONS}_part_{A,D}.csv and
 * RemovingSpecificBorder.log. Part (i) = suffix A, part (iv) = suffix D.
 */
const DIR = "advanced-guide/removing-specific-border";
/** The bar: every published country value within 0.01 percentage points. */
const TOL_PUBLISHED_PP = 0.01;
/** The log prints the loop statistic to 5 significant digits. */
const TOL_LOG_STATISTIC = 5e-7;
const SIGMA = 7;

const data = agDataset();
const ctx = newRunContext();

function partA(): ModelOutcome {
  const baseline = agModel.calibrate(data, agParamsSchema.parse({}), ctx);
  return agModel.solve(baseline, covariatePolicy(data, "INTL_BRDR", [["CAN", "USA"], ["USA", "CAN"]], 0), ctx);
}

function partD(): ModelOutcome {
  const params = agParamsSchema.parse({ regressors: ["ln_DIST", "CNTG", "INTL_BRDR_OTHER", "INTL_BRDR_CAN_USA"] });
  const baseline = agModel.calibrate(data, params, ctx);
  return agModel.solve(baseline, covariatePolicy(data, "INTL_BRDR_CAN_USA", [["CAN", "USA"]], 0), ctx);
}

/** Compares every country of the PROD and CONS files; real GDP is formed from the files' Y and IMR columns (§1.8). */
function expectMatchesPublished(outcome: ModelOutcome, suffix: string): void {
  const producers = readSharedCsv(`${DIR}/FULL_PROD_part_${suffix}.csv`);
  const consumers = readSharedCsv(`${DIR}/FULL_CONS_part_${suffix}.csv`);
  expectClose(producers.length, 69, 0, "countries in the PROD file");
  const c = outcome.countries;
  for (const row of producers) {
    const i = indexOf(data, String(row.country));
    const what = (column: string) => `part ${suffix} ${row.country} ${column}`;
    expectClose(c.factoryPriceChangePct[i], Number(row.change_price_FULL), TOL_PUBLISHED_PP, what("change_price_FULL"));
    expectClose(c.outputChangePct[i], Number(row.change_price_FULL), TOL_PUBLISHED_PP, what("Y_FULL/Y_BLN"));
    expectClose(c.exportsChangePct[i], Number(row.change_Xi_FULL), TOL_PUBLISHED_PP, what("change_Xi_FULL"));
    expectClose(c.exportsConditionalChangePct[i], Number(row.change_Xi_CDL), TOL_PUBLISHED_PP, what("change_Xi_CDL"));
    expectClose(c.omrChangePct[i], Number(row.change_OMR_FULL), TOL_PUBLISHED_PP, what("change_OMR_FULL"));
    expectClose(c.omrConditionalChangePct[i], Number(row.change_OMR_CDL), TOL_PUBLISHED_PP, what("change_OMR_CDL"));
  }
  for (const row of consumers) {
    const i = indexOf(data, String(row.country));
    const producer = producers.find((p) => p.country === row.country)!;
    const what = (column: string) => `part ${suffix} ${row.country} ${column}`;
    expectClose(c.imrChangePct[i], Number(row.change_IMR_FULL), TOL_PUBLISHED_PP, what("change_IMR_FULL"));
    expectClose(c.priceIndexChangePct[i], Number(row.change_IMR_FULL), TOL_PUBLISHED_PP, what("change_IMR_FULL as P"));
    expectClose(c.imrConditionalChangePct[i], Number(row.change_IMR_CDL), TOL_PUBLISHED_PP, what("change_IMR_CDL"));
    const realGdp = (y: number, imr: number) => y / Math.pow(imr, 1 / (1 - SIGMA));
    const published = 100 * (realGdp(Number(producer.Y_FULL), Number(row.IMR_FULL)) / realGdp(Number(producer.Y_BLN), Number(row.IMR_BLN)) - 1);
    expectClose(c.welfareChangePct[i], published, TOL_PUBLISHED_PP, what("change_rGDP_FULL"));
  }
}

describe("agModel on the AG border exercise (Chapter2Exercise1.csv, 2006, σ = 7, reference DEU)", () => {
  it("part (i): removing the CAN–USA border at the average border effect reproduces FULL_*_part_A.csv for all 69 countries", () => {
    const outcome = partA();
    expectMatchesPublished(outcome, "A");
    const can = indexOf(data, "CAN");
    const usa = indexOf(data, "USA");
    expectClose(outcome.countries.factoryPriceChangePct[can], 24.129, 0.0005, "CAN price (spec §1.8: +24.129%)");
    expectClose(outcome.countries.welfareChangePct[can], 48.901, 0.0005, "CAN real GDP (+48.901%)");
    expectClose(outcome.countries.factoryPriceChangePct[usa], 1.554, 0.0005, "USA price (+1.554%)");
    expectClose(outcome.countries.welfareChangePct[usa], 1.468, 0.0005, "USA real GDP (+1.468%)");
  });

  it("part (i): the loop stops after the 4 passes of the log, at the logged sd .0025058", () => {
    const outcome = partA();
    expectClose(outcome.solver.converged ? 1 : 0, 1, 0, "converged");
    expectClose(outcome.solver.iterations, 4, 0, "loop passes (log: iteration numbers 1–4)");
    expectClose(outcome.solver.residual, 0.0025058, TOL_LOG_STATISTIC, "final stopping statistic (log: Std. Dev. .0025058)");
  });

  it("parts (ii)–(iii): removing the CAN–USA-specific border (both directions) reproduces FULL_*_part_BC.csv", () => {
    const params = agParamsSchema.parse({ regressors: ["ln_DIST", "CNTG", "INTL_BRDR_OTHER", "INTL_BRDR_CAN_USA"] });
    const baseline = agModel.calibrate(data, params, ctx);
    const outcome = agModel.solve(baseline, covariatePolicy(data, "INTL_BRDR_CAN_USA", [["CAN", "USA"], ["USA", "CAN"]], 0), ctx);
    expectMatchesPublished(outcome, "BC");
  });

  it("part (iv): the US removes its border on imports from Canada (CAN-specific border estimate) reproduces FULL_*_part_D.csv", () => {
    const outcome = partD();
    expectMatchesPublished(outcome, "D");
    expectClose(outcome.solver.iterations, 4, 0, "loop passes");
    expectClose(outcome.solver.residual, 0.0015013, TOL_LOG_STATISTIC, "final stopping statistic (log: Std. Dev. .0015013)");
  });
});
