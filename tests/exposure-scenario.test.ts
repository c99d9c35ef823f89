import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { message } from "../src/messages.js";
import { scenarioExposure } from "../src/exposure/exposureReport.js";
import { formatExposureReport } from "../src/exposure/format.js";
import { expectClose } from "./support/expectClose.js";

/**
 * examples/rare-earths.yaml through the exposure pipeline (Caliendo–Parro on cp-1993): an embargo makes
 * the counterfactual flow exactly zero (CompiledPolicy doc), so the embargoed suppliers' shares of
 * Japan's spending are exactly 0 after; the §5 identities hold in every state; the model's baseline
 * equilibrium with data deficits held is an input–output equilibrium, so x = L·F reproduces its sales
 * to the solver's tolerance; the output states the data year.
 */
const TOL_COLUMN_SUM = 1e-10;
/** The CP solve stops at a residual norm of 1e-7 on scaled spending, so sales and L·F agree to ~1e-7 relative. */
const TOL_EQUILIBRIUM_OUTPUT = 1e-5;

describe("scenarioExposure(examples/rare-earths.yaml)", () => {
  const text = readFileSync("examples/rare-earths.yaml", "utf8");
  const report = scenarioExposure(text, "examples/rare-earths.yaml", { country: "JPN", supplier: "CHN", sectors: ["basic-metals", "mining"], top: 8 });
  const { view } = report;

  it("has a before state and an after state per phase, all converged", () => {
    expect(view.states).toEqual(["before", "after no-second-supplier", "after australia-expands"]);
    expect(report.ge!.every((p) => p.converged)).toBe(true);
  });

  it("after an embargo the embargoed supplier's share of Japan's spending is exactly zero; Australia's only in the phase that cuts it", () => {
    const share = (sector: string, supplier: string) => view.focus!.importSources.find((r) => r.sector === sector && r.supplier === supplier)!.values;
    for (const sector of ["basic-metals", "mining"]) {
      const china = share(sector, "CHN");
      const australia = share(sector, "AUS");
      expect(china[0]).toBeGreaterThan(0);
      expect(china[1]).toBe(0);
      expect(china[2]).toBe(0);
      expect(australia[1]).toBe(0);
      expect(australia[2]).toBeGreaterThan(0);
    }
  });

  it("the identities of §5 hold in every state and x = L·F reproduces the equilibrium sales", () => {
    for (const [k, c] of view.checks.entries()) {
      expectClose(c.valueAddedColumnError, 0, TOL_COLUMN_SUM, `${view.states[k]}: column sums of v·L`);
      expectClose(c.worldValueAdded / c.worldFinalDemand, 1, TOL_COLUMN_SUM, `${view.states[k]}: world VA / world FD`);
      expectClose(c.outputGapRelative, 0, TOL_EQUILIBRIUM_OUTPUT, `${view.states[k]}: |L·F − sales| / max sales`);
    }
  });

  it("the table output says plainly that the data year is 1993", () => {
    expect(formatExposureReport(report)).toContain("DATA YEAR 1993");
  });
});

describe("scenarioExposure without --supplier", () => {
  it("chooses China: the only exporter embargoed to Japan in both phases (Australia is cut off only in the first), and says so", () => {
    const text = readFileSync("examples/rare-earths.yaml", "utf8");
    const report = scenarioExposure(text, "examples/rare-earths.yaml", { country: "JPN", top: 3 });
    expect(report.view.focus!.supplier).toBe("CHN");
    expect(report.supplierNote).toBe(message.exposureSupplierChosen("CHN", "JPN"));
    expect(formatExposureReport(report)).toContain("Exposure of JPN's sectors to CHN");
  });
});
