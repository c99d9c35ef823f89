import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { icioDatasetFile } from "../src/data/icio.js";
import { loadDatasetFile } from "../src/data/load.js";
import { writeDatasetFile } from "../src/data/write.js";
import { accountingInputOf } from "../src/exposure/accountingSystem.js";
import { exposureTables } from "../src/exposure/exposureTables.js";
import { TradewindsInputError, message } from "../src/messages.js";
import { expectClose } from "./support/expectClose.js";
import { COUNTRIES, INDUSTRIES, N, S, demand, source, syntheticGrid, use, type Grid } from "./support/ioGrid.js";

/**
 * A synthetic table in the OECD ICIO CSV layout (COUNTRY_INDUSTRY rows and columns, COUNTRY_HFCE and
 * COUNTRY_GFCF final-demand columns, TLS / VA / OUT rows, an OUT column), written from the known
 * primitives of tests/support/ioGrid.ts. Expected import: γ = U/OUT, β = (VA + TLS)/OUT, α = D/Σ_k D,
 * flows[(k,i,n)] = s[n,i,k]·(Σ_j U[n,k,j] + D[n,k]).
 */
/** The import rounds to 12 significant digits (data/write.ts roundSignificant): relative error ≤ 5e-12. */
const TOL_ROUNDED = 1e-10;

function csvOf(grid: Grid): string {
  const lines = [["V1", ...grid.columns].join(",")];
  for (const r of grid.rows) lines.push([r, ...grid.columns.map((c) => String(grid.cells.get(`${r}|${c}`) ?? 0))].join(","));
  return lines.join("\n") + "\n";
}

/** Splits CHN into CN1 and CN2 (halves of every row and column), as the 2021 ICIO release does. */
function splitChina(grid: Grid): Grid {
  const parts = (label: string) => (label.startsWith("CHN_") ? [`CN1_${label.slice(4)}`, `CN2_${label.slice(4)}`] : [label]);
  const cells = new Map<string, number>();
  for (const r of grid.rows)
    for (const c of grid.columns) {
      const v = grid.cells.get(`${r}|${c}`) ?? 0;
      const rs = parts(r);
      const cs = parts(c);
      for (const r2 of rs) for (const c2 of cs) cells.set(`${r2}|${c2}`, v / (rs.length * cs.length));
    }
  return { rows: grid.rows.flatMap(parts), columns: grid.columns.flatMap(parts), cells };
}

const dir = mkdtempSync(join(tmpdir(), "tradewinds-icio-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("icioDatasetFile(csv) on a synthetic OECD ICIO table", () => {
  const grid = syntheticGrid();
  const file = icioDatasetFile(csvOf(grid), { source: "synthetic.csv", name: "icio-test", year: 2020, units: "millions of current USD" });

  it("reads countries and industries (B05_06 kept whole) in table order", () => {
    expect(file.countries.map((c) => c.code)).toEqual(COUNTRIES);
    expect(file.sectors.map((s) => s.code)).toEqual(INDUSTRIES);
    expect(file.meta.notes.some((n) => n.startsWith("0 final-demand"))).toBe(true);
  });

  it("round-trips: written, reloaded and checked, it gives back U, D, s and hence every cell Z and FD of the table", () => {
    const path = join(dir, "icio-test.json");
    writeDatasetFile(path, file);
    const data = loadDatasetFile(path);
    const io = data.io!;
    for (let n = 0; n < N; n++)
      for (let j = 0; j < S; j++) {
        // OUT of (n,j) = its sales, Σ_m flows
        const out = [...Array(N).keys()].reduce((sum, m) => sum + data.flows[(j * N + n) * N + m], 0);
        let inputs = 0;
        for (let k = 0; k < S; k++) {
          expectClose(io.inputShares[(n * S + k) * S + j] * out, use(n, k, j), TOL_ROUNDED * out, `U[${n},${k},${j}] = γ·OUT`);
          inputs += use(n, k, j);
        }
        expectClose(io.valueAddedShares[n * S + j] * out, out - inputs, TOL_ROUNDED * out, `VA + TLS of (${n},${j}) = β·OUT`);
      }
    for (let n = 0; n < N; n++) {
      const total = demand(n, 0) + demand(n, 1);
      for (let k = 0; k < S; k++) {
        expectClose(io.finalShares[n * S + k], demand(n, k) / total, TOL_ROUNDED, `α[${n},${k}]`);
        let spending = 0;
        for (let i = 0; i < N; i++) spending += data.flows[(k * N + i) * N + n];
        for (let i = 0; i < N; i++) {
          const share = data.flows[(k * N + i) * N + n] / spending;
          expectClose(share, source(n, i, k), TOL_ROUNDED, `s[${n},${i},${k}]`);
          // every cell of the original table from the dataset: Z = s·γ·OUT, FD = s·α·ΣD·w
          for (let j = 0; j < S; j++) {
            const z = grid.cells.get(`${COUNTRIES[i]}_${INDUSTRIES[k]}|${COUNTRIES[n]}_${INDUSTRIES[j]}`)!;
            expectClose(share * use(n, k, j), z, TOL_ROUNDED * z, `Z[(${i},${k}),(${n},${j})]`);
          }
        }
      }
    }
  });

  it("the accounting on the imported table reproduces OUT (x = L·F) and world value added = world final demand", () => {
    const data = loadDatasetFile(join(dir, "icio-test.json"));
    const t = exposureTables(accountingInputOf(data)!, { countries: COUNTRIES, sectors: INDUSTRIES });
    expectClose(t.checks.outputGapRelative, 0, TOL_ROUNDED, "max |L·F − OUT| / max OUT");
    expectClose(t.checks.worldValueAdded / t.checks.worldFinalDemand, 1, TOL_ROUNDED, "world VA / world FD");
  });

  it("sums CN1 and CN2 into CHN and gives the same dataset", () => {
    const merged = icioDatasetFile(csvOf(splitChina(grid)), { source: "split.csv", name: "icio-test", year: 2020, units: "millions of current USD" });
    expect(merged.countries.map((c) => c.code)).toEqual(COUNTRIES);
    merged.flows.forEach((v, k) => expectClose(v!, file.flows[k]!, TOL_ROUNDED * Math.abs(file.flows[k]!), `flows[${k}]`));
    merged.io!.inputShares.forEach((v, k) => expectClose(v, file.io!.inputShares[k], TOL_ROUNDED, `γ[${k}]`));
  });

  it("rejects a negative intermediate cell, naming the cell", () => {
    const bad = syntheticGrid();
    bad.cells.set("JPN_C24|CHN_C24", -1);
    try {
      icioDatasetFile(csvOf(bad), { source: "bad.csv", name: "bad", year: 2020, units: "millions of current USD" });
      expect.unreachable("negative cell accepted");
    } catch (err) {
      expect(err).toBeInstanceOf(TradewindsInputError);
      expect((err as TradewindsInputError).issues[0].message).toBe(message.icioNegative("JPN_C24", "CHN_C24", -1));
    }
  });
});
