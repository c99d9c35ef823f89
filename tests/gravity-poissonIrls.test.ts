import { describe, it } from "vitest";
import { fitPoissonFixedEffects } from "../src/estimation/poissonIrls.js";
import { columnTotals, rowTotals, solveFixedEffectsIpf } from "../src/models/structuralGravity/fixedEffectsIpf.js";
import { tradeCostsFromCovariates } from "../src/models/structuralGravity/tradeCosts.js";
import { expectClose } from "./support/expectClose.js";
import { agDataset, indexOf } from "./support/gravityFixtures.js";

/** The Stata log prints 7 significant digits: half a unit in the last printed place. */
const TOL_LOG_COEFFICIENT = 5e-7;
/** Adding-up of PPML FE holds at the optimum; the IRLS stops at relative deviance change 1e-12. */
const TOL_ADDING_UP_RELATIVE = 1e-7;
/** IRLS FE vs the exact IPF solution with the same coefficients (log scale). */
const TOL_FE_LOG = 1e-6;

const data = agDataset();
const N = data.countries.length;
const reference = indexOf(data, "DEU");

describe("fitPoissonFixedEffects on the AG 2006 cross-section (Chapter2Exercise1.csv)", () => {
  it("reproduces the part (i) coefficients of RemovingSpecificBorder.log (ln_DIST −.7912879, CNTG .6736456, INTL_BRDR −2.47445)", () => {
    const { ln_DIST, CNTG, INTL_BRDR } = data.covariates;
    const fit = fitPoissonFixedEffects({ y: data.flows, N, covariates: { ln_DIST, CNTG, INTL_BRDR }, reference });
    expectClose(fit.coefficients.ln_DIST, -0.7912879, TOL_LOG_COEFFICIENT, "ln_DIST");
    expectClose(fit.coefficients.CNTG, 0.6736456, TOL_LOG_COEFFICIENT, "CNTG");
    expectClose(fit.coefficients.INTL_BRDR, -2.47445, TOL_LOG_COEFFICIENT, "INTL_BRDR");
    // Log: "Iteration 11: deviance = 4542202".
    expectClose(fit.deviance, 4542202, 1, "deviance");
    expectClose(fit.converged ? 1 : 0, 1, 0, "converged");
  });

  it("reproduces the part (ii)/(iv) coefficients with a CAN–USA-specific border (−.7672372, .6284654, −2.533003, −1.987681)", () => {
    const covariates = {
      ln_DIST: data.covariates.ln_DIST,
      CNTG: data.covariates.CNTG,
      INTL_BRDR_OTHER: data.covariates.INTL_BRDR_OTHER,
      INTL_BRDR_CAN_USA: data.covariates.INTL_BRDR_CAN_USA,
    };
    const fit = fitPoissonFixedEffects({ y: data.flows, N, covariates, reference });
    expectClose(fit.coefficients.ln_DIST, -0.7672372, TOL_LOG_COEFFICIENT, "ln_DIST");
    expectClose(fit.coefficients.CNTG, 0.6284654, TOL_LOG_COEFFICIENT, "CNTG");
    expectClose(fit.coefficients.INTL_BRDR_OTHER, -2.533003, TOL_LOG_COEFFICIENT, "INTL_BRDR");
    expectClose(fit.coefficients.INTL_BRDR_CAN_USA, -1.987681, TOL_LOG_COEFFICIENT, "INTL_BRDR_AB");
  });

  it("satisfies the adding-up property and equals the IPF fixed effects at the same coefficients", () => {
    const { ln_DIST, CNTG, INTL_BRDR } = data.covariates;
    const fit = fitPoissonFixedEffects({ y: data.flows, N, covariates: { ln_DIST, CNTG, INTL_BRDR }, reference });
    const observedRows = rowTotals(N, data.flows, new Float64Array(N));
    const observedColumns = columnTotals(N, data.flows, new Float64Array(N));
    const fittedRows = rowTotals(N, fit.fitted, new Float64Array(N));
    const fittedColumns = columnTotals(N, fit.fitted, new Float64Array(N));
    for (let i = 0; i < N; i++) {
      expectClose(fittedRows[i] / observedRows[i], 1, TOL_ADDING_UP_RELATIVE, `row total ${data.countries[i].code}`);
      expectClose(fittedColumns[i] / observedColumns[i], 1, TOL_ADDING_UP_RELATIVE, `column total ${data.countries[i].code}`);
    }
    const tau = tradeCostsFromCovariates(N, data.covariates, fit.coefficients);
    const ipf = solveFixedEffectsIpf({ N, tradeCosts: tau, rowTargets: observedRows, columnTargets: observedColumns, reference });
    expectClose(ipf.converged ? 1 : 0, 1, 0, "IPF converged");
    expectClose(fit.importerFE[reference], 0, 0, "reference importer FE");
    for (let i = 0; i < N; i++) {
      expectClose(Math.log(ipf.value.exporter[i]), fit.exporterFE[i], TOL_FE_LOG, `exporter FE ${data.countries[i].code}`);
      expectClose(Math.log(ipf.value.importer[i]), fit.importerFE[i], TOL_FE_LOG, `importer FE ${data.countries[i].code}`);
    }
  });
});
