import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getColumn } from "../src/estimation/dataFrame.js";
import { namesInSpec } from "../src/estimation/estimationFile.js";
import { parseEstimationSpec } from "../src/estimation/estimationSpec.js";
import { readFrame, type DataFrame } from "../src/estimation/frame.js";
import { readFrameWithDuckDb } from "../src/estimation/readFrameDuckDb.js";
import { message } from "../src/messages.js";
import { sharedDataFile } from "./ppml-helpers.js";

// readFrameWithDuckDb (the `estimate` command's reader) builds exactly the frame readFrame (csv-parse)
// builds: same column names and order, kinds, numeric values bit for bit, factor levels and codes. On the
// Advanced Guide panels and on a hand-written CSV with the edge cases of the shared rule (missing markers,
// padded numbers, "inf", hex, dates, booleans, quoted commas, a text entry after the sniffer's sample);
// and a Parquet copy reads back as the CSV it came from.

const directory = mkdtempSync(join(tmpdir(), "tradewinds-duckdb-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function expectSameFrame(actual: DataFrame, expected: DataFrame): void {
  expect(actual.rowCount).toBe(expected.rowCount);
  expect([...actual.columns.keys()]).toEqual([...expected.columns.keys()]);
  for (const [name, column] of expected.columns) {
    const other = actual.columns.get(name)!;
    expect(other.kind, `kind of ${name}`).toBe(column.kind);
    if (column.kind === "numeric" && other.kind === "numeric") {
      for (let r = 0; r < expected.rowCount; r++) if (!Object.is(other.values[r], column.values[r])) expect(other.values[r], `${name} row ${r}`).toBe(column.values[r]);
    } else if (column.kind === "factor" && other.kind === "factor") {
      expect(other.levels, `levels of ${name}`).toEqual(column.levels);
      expect(Array.from(other.codes), `codes of ${name}`).toEqual(Array.from(column.codes));
    }
  }
}

describe("readFrameWithDuckDb(path) reads the frame readFrame reads", () => {
  it("the Advanced Guide RTA-lags panel (99,981 rows, 17 columns)", async () => {
    const path = sharedDataFile("advanced-guide/Chapter1Application3_with_rta_lags.csv");
    expectSameFrame(await readFrameWithDuckDb(path), readFrame(path));
  });

  it("a CSV with every edge case of the column rule", async () => {
    const rows = ['id,padded,withInf,hex,day,flag,label,late,quoted,empty'];
    for (let r = 0; r < 30000; r++) {
      const padded = r % 7 === 0 ? "NA" : r % 5 === 0 ? ` ${r} ` : String(r / 8);
      const label = r % 3 === 0 ? " b " : r % 11 === 0 ? "." : `c${r % 4}`;
      // "late" is numeric in DuckDB's sample (the first 20,480 rows) and text after it.
      const late = r < 25000 ? String(r) : "x";
      rows.push(`${r},${padded},${r === 17 ? "inf" : r},${r === 3 ? "0x1A" : r},2006-01-${String((r % 28) + 1).padStart(2, "0")},${r % 2 ? "true" : "false"},${label},${late},"a, ${r % 3}",`);
    }
    const path = join(directory, "edge.csv");
    writeFileSync(path, rows.join("\n") + "\n");
    const frame = await readFrameWithDuckDb(path);
    expectSameFrame(frame, readFrame(path));
    // The rule, by hand: padded numbers and NA are numeric; "inf" makes a factor; hex is a JavaScript number.
    expect(frame.columns.get("padded")!.kind).toBe("numeric");
    expect(frame.columns.get("withInf")!.kind).toBe("factor");
    expect(frame.columns.get("hex")!.kind).toBe("numeric");
    expect(frame.columns.get("late")!.kind).toBe("factor");
  });

  it("a Parquet file written from the embedded AG panel reads back as the CSV", async () => {
    const csv = "data/panels/ag-rta-1986-2006.csv";
    const parquet = join(directory, "panel.parquet");
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_csv('${csv}', header = true)) TO '${parquet}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    expectSameFrame(await readFrameWithDuckDb(parquet), readFrame(csv));
  });

  it("with `only`, the named columns as the full read has them, the others unread but named in messages", async () => {
    const path = sharedDataFile("advanced-guide/Chapter1Application3_with_rta_lags.csv");
    const full = readFrame(path);
    const only = new Set(["exporter", "year", "trade", "rta_lag4", "not-a-column"]);
    const frame = await readFrameWithDuckDb(path, { only, showContent: true });
    const kept = [...full.columns.keys()].filter((name) => only.has(name));
    expectSameFrame(frame, { ...full, columns: new Map(kept.map((name) => [name, full.columns.get(name)!])) });
    expect(frame.columnNames).toEqual([...full.columns.keys()]);
    // An unknown column's message lists the file's columns in its order, read or not; an unread one is the caller's bug.
    expect(() => getColumn(frame, "tarde", "outcome")).toThrow(message.unknownColumn("tarde", [...full.columns.keys()]));
    expect(() => getColumn(frame, "dist", "regressors[0]")).toThrow(/internal: column "dist" \(regressors\[0\]\) was left unread/);
  });

  it("namesInSpec holds every column a spec names, in whichever field", () => {
    const spec = parseEstimationSpec(
      {
        outcome: "c_outcome",
        regressors: ["c_reg"],
        fixedEffects: [["c_fe1", "c_fe2"], "c_fe3"],
        offset: "c_offset",
        weights: "c_weights",
        sample: [{ column: "c_in", in: [1, "a"] }, { column: "c_notin", notIn: [2] }, { differ: ["c_d1", "c_d2"] }, { same: ["c_s1", "c_s2"] }],
        derive: [
          { name: "d1", log: "c_log" },
          { name: "d2", product: ["c_p1", "c_p2"] },
          { name: "d3", indicator: { column: "c_ind", equals: 1 } },
          { name: "d4", differ: ["c_dd1", "c_dd2"] },
          { name: "d5", same: ["c_ds1", "c_ds2"] },
          { name: "d6", pool: { column: "c_pool", when: "same", columns: ["c_pc1", "c_pc2"], level: 0 } },
        ],
        vcov: { type: "cluster", cluster: { pair: ["c_pair1", "c_pair2"] } },
        normalisation: [{ factor: "c_fe1#c_fe2", where: { c_where: "DEU" } }],
      },
      "every field",
    );
    const names = namesInSpec(spec);
    const columns = ["c_outcome", "c_reg", "c_fe1", "c_fe2", "c_fe3", "c_offset", "c_weights", "c_in", "c_notin", "c_d1", "c_d2", "c_s1", "c_s2", "c_log", "c_p1", "c_p2", "c_ind", "c_dd1", "c_dd2", "c_ds1", "c_ds2", "c_pool", "c_pc1", "c_pc2", "c_pair1", "c_pair2", "c_where"];
    for (const column of columns) expect(names.has(column), column).toBe(true);
    for (const cluster of ["c_cluster", ["c_cl1", "c_cl2"]]) {
      const clustered = parseEstimationSpec({ outcome: "y", vcov: { type: "cluster", cluster } }, "cluster");
      for (const column of [cluster].flat()) expect(namesInSpec(clustered).has(column), column).toBe(true);
    }
  });

  it("a missing file, and a file that is not a table, are input errors naming the problem", async () => {
    await expect(readFrameWithDuckDb(join(directory, "nothing.csv"))).rejects.toThrow(message.fileMissing(join(directory, "nothing.csv")));
    const ragged = join(directory, "ragged.csv");
    writeFileSync(ragged, "a,b\n1,2\n3,4,5,6\n");
    await expect(readFrameWithDuckDb(ragged)).rejects.toThrow(/could not be read as a table/);
  });
});
