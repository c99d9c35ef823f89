import { describe, expect, it } from "vitest";
import { TradewindsInputError, message } from "../src/messages.js";
import { agModel } from "../src/models/structuralGravity/agModel.js";
import { stataStoppingStatistic } from "../src/models/structuralGravity/agStataLoop.js";
import { agParamsSchema } from "../src/models/structuralGravity/params.js";
import { newRunContext } from "../src/models/types.js";
import { expectClose } from "./support/expectClose.js";
import { agDataset, covariatePolicy } from "./support/gravityFixtures.js";

/** Hand computations below are exact to a few ulps. */
const TOL_HAND = 1e-15;

describe("stataStoppingStatistic(N, Δp, Δp′): the AG rule on N² rows (TradeWithoutBorder.do; spec §1.5 step 6)", () => {
  it("uses the sample sd over N² repeated rows (ddof 1): d = (0.02, −0.01) → sd = √(4·0.015²/3), |max| = 0.02", () => {
    const statistic = stataStoppingStatistic(2, Float64Array.from([1.02, 0.99]), Float64Array.from([1, 1]));
    expectClose(statistic, Math.max(Math.sqrt((4 * 0.015 ** 2) / 3), 0.02), TOL_HAND, "max(sd, |max|)");
  });

  it("takes the absolute value of the signed maximum, not max |d|: d = (−0.05, −0.04) → 0.04", () => {
    const statistic = stataStoppingStatistic(2, Float64Array.from([0.95, 0.96]), Float64Array.from([1, 1]));
    const sd = Math.sqrt((4 * 0.005 ** 2) / 3);
    expectClose(statistic, Math.max(sd, 0.04), 1e-12, "|signed max| = 0.04");
  });
});

describe("agModel.solve rejects a policy covariate that would do nothing", () => {
  it("a covariate outside the model's regressors is an input error naming it (message.covariateNotInModel)", () => {
    const data = agDataset();
    const ctx = newRunContext();
    const baseline = agModel.calibrate(data, agParamsSchema.parse({}), ctx);
    const policy = covariatePolicy(data, "INTL_BRDR_CAN_USA", [["CAN", "USA"]], 0);
    expect(() => agModel.solve(baseline, policy, ctx)).toThrow(TradewindsInputError);
    expect(() => agModel.solve(baseline, policy, ctx)).toThrow(message.covariateNotInModel("INTL_BRDR_CAN_USA", "ag", ["ln_DIST", "CNTG", "INTL_BRDR"]));
  });
});
