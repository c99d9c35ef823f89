import { describe, expect, it } from "vitest";
import { rowTotals } from "../src/models/structuralGravity/fixedEffectsIpf.js";
import { expectClose } from "./support/expectClose.js";
import { agDataset, gegravityDataset, indexOf, readSharedCsv } from "./support/gravityFixtures.js";

/** Flows are stored to 12 significant digits (roundSignificant), so totals agree to ~1e-12 relative. */
const TOL_STORED_RELATIVE = 1e-11;

describe("structural-gravity embedded datasets", () => {
  // That data/ag-2006.json and data/gegravity-2006.json are what their build scripts derive is tests/data-rebuild.test.ts.

  it("ag-2006 output (row totals incl. domestic) equals Y_BLN of the AG results (removing-specific-border/FULL_PROD_part_A.csv)", () => {
    const data = agDataset();
    const N = data.countries.length;
    const output = rowTotals(N, data.flows, new Float64Array(N));
    const published = readSharedCsv("advanced-guide/removing-specific-border/FULL_PROD_part_A.csv");
    expect(published.length).toBe(N);
    for (const row of published) {
      const i = indexOf(data, String(row.country));
      expectClose(output[i] / Number(row.Y_BLN), 1, TOL_STORED_RELATIVE, `${row.country} Y`);
    }
  });

  it("ag-2006 border covariates: INTL_BRDR_CAN_USA marks only CAN↔USA and INTL_BRDR_OTHER + INTL_BRDR_CAN_USA = INTL_BRDR", () => {
    const data = agDataset();
    const N = data.countries.length;
    const { INTL_BRDR, INTL_BRDR_CAN_USA, INTL_BRDR_OTHER } = data.covariates;
    let marked = 0;
    for (let k = 0; k < N * N; k++) {
      marked += INTL_BRDR_CAN_USA[k];
      expect(INTL_BRDR_OTHER[k] + INTL_BRDR_CAN_USA[k]).toBe(INTL_BRDR[k]);
    }
    expect(marked).toBe(2);
    expect(INTL_BRDR_CAN_USA[indexOf(data, "CAN") * N + indexOf(data, "USA")]).toBe(1);
    expect(INTL_BRDR_CAN_USA[indexOf(data, "USA") * N + indexOf(data, "CAN")]).toBe(1);
  });

  it("gegravity-2006 has the sample's 30 countries, Y and E per country (CAN Y from sample_data_set.dlm) and no CAN–JPN PTA", () => {
    const data = gegravityDataset();
    const N = data.countries.length;
    expect(N).toBe(30);
    const sample = readSharedCsv("gegravity-sample/sample_data_set.dlm");
    const canRow = sample.find((r) => r.exporter === "CAN" && r.importer === "CAN")!;
    const can = indexOf(data, "CAN");
    expect((data.parameters.output as number[])[can]).toBe(Number(canRow.Y));
    expect((data.parameters.expenditure as number[])[can]).toBe(Number(canRow.E));
    expect(data.covariates.pta[can * N + indexOf(data, "JPN")]).toBe(0);
  });
});
