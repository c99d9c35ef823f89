import { loadDataset } from "../../src/data/load.js";
import { describe, expect, it } from "vitest";
import { calibrateLashkaripour } from "../../src/models/lashkaripour/baseline.js";
import { newLashkaripourState, prepareSystem, systemResidual } from "../../src/models/lashkaripour/equilibrium.js";
import { newJacobianWorkspace, systemJacobian } from "../../src/models/lashkaripour/jacobian.js";
import { lashkaripourParamsSchema } from "../../src/models/lashkaripour/params.js";
import { worstJacobianGap } from "../support/jacobianCheck.js";

// The analytic Jacobian of the Lashkaripour (2021) system (src/models/lashkaripour/jacobian.ts) equals
// the derivative of the residual: central differences at a point away from the solution, on the tariffwar
// WIOD 2014 data (wiod-2014-16, built from ../shared/data/tariffwar) balanced with the IS elasticities, for
// every country setting its tariff (the Nash system), a subset of setters, none (the balanced-trade and
// counterfactual system), and a policy with a tariff change, a trade-cost change and an embargo.

/** Central differences with a relative step of 1e-5 are accurate to ~1e-9 of the largest entry. */
const STEP = 1e-5;
const TOL_RELATIVE_TO_MAX = 1e-6;

describe("systemJacobian(system, x) is the derivative of systemResidual (central differences)", () => {
  const data = loadDataset("wiod-2014-16");
  const baseline = calibrateLashkaripour(data, lashkaripourParamsSchema.parse({ elasticities: "IS" }));
  const { N, S } = baseline.economy;
  const codes = baseline.codes.countries;
  const at = (code: string) => codes.indexOf(code);
  const cases = [
    { name: "all countries set tariffs (Nash)", setters: [...Array(N).keys()], shocked: false },
    { name: "USA, CHN and ROW set tariffs; tariff, trade-cost and embargo shocks", setters: [at("USA"), at("CHN"), N - 1], shocked: true },
    { name: "no setters (balanced-trade / counterfactual system)", setters: [], shocked: true },
    { name: "Japan cut off from trade: two trading components, each with its own numeraire row", setters: [at("USA")], shocked: false, autarky: at("JPN") },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const tariffs = Float64Array.from(baseline.economy.tariffs);
      const costs = new Float64Array(S * N * N).fill(1);
      if (c.shocked) {
        for (let s = 0; s < S - 1; s++) {
          tariffs[(s * N + at("CHN")) * N + at("USA")] += 0.25;
          costs[(s * N + at("JPN")) * N + at("DEU")] = 1.3;
        }
        costs[(8 * N + at("CHN")) * N + at("JPN")] = Infinity;
      }
      const cut: number = "autarky" in c && c.autarky !== undefined ? c.autarky : -1;
      if (cut >= 0)
        for (let s = 0; s < S; s++)
          for (let i = 0; i < N; i++) if (i !== cut) costs[(s * N + i) * N + cut] = costs[(s * N + cut) * N + i] = Infinity;
      const state = newLashkaripourState(N, S);
      const system = prepareSystem(baseline.economy, tariffs, costs, c.setters, baseline.codes, state);
      if (cut >= 0) expect(Array.from(system.numeraireRows)).toEqual([cut, N - 1].sort((a, b) => system.component[a] - system.component[b]));
      const n = 2 * N + c.setters.length;
      // A deterministic point near but away from the solution (the kernel reads |x|; one negative entry checks the sign rule).
      const x = Float64Array.from({ length: n }, (_, k) => (k < 2 * N ? 1 : 1.3) + 0.05 * Math.sin(1.7 * k + 0.3));
      x[5] = -x[5];
      if (c.setters.length) x[2 * N] = -x[2 * N];
      const analytic = new Float64Array(n * n);
      systemJacobian(system, x, state, newJacobianWorkspace(N, c.setters.length), analytic);
      const { worst, largest, where } = worstJacobianGap(x, analytic, (at, out) => systemResidual(system, at, state, out), STEP);
      expect(worst / largest, where).toBeLessThan(TOL_RELATIVE_TO_MAX);
    });
  }
});
