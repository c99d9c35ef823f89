import { describe, expect, it } from "vitest";
import { parseEstimationSpec } from "../src/estimation/estimationSpec.js";
import { readFrame, frameFromColumns } from "../src/estimation/frame.js";
import { linearCombination } from "../src/estimation/linearCombination.js";
import { TradewindsInputError, message } from "../src/messages.js";
import { expectClose } from "./ppml-helpers.js";

/** Floating-point round-off only: a'Va on a 2×2 matrix is three products. */
const TOL_ROUNDOFF = 1e-15;

describe("estimation spec and inputs reject, never guess", () => {
  it("parseEstimationSpec rejects an unknown key, naming its path", () => {
    expect.assertions(2);
    try {
      parseEstimationSpec({ outcome: "trade", regresors: ["rta"] }, "spec.yaml");
    } catch (error) {
      expect(error).toBeInstanceOf(TradewindsInputError);
      expect((error as TradewindsInputError).issues[0].source).toBe("spec.yaml");
    }
  });

  it("parseEstimationSpec rejects a cluster vcov without a cluster variable at vcov.cluster", () => {
    expect.assertions(1);
    try {
      parseEstimationSpec({ outcome: "trade", vcov: { type: "cluster" } }, "spec.yaml");
    } catch (error) {
      expect((error as TradewindsInputError).issues.map((i) => i.path)).toContain("vcov.cluster");
    }
  });

  it("readFrame on a missing file throws an input error naming the path", () => {
    expect(() => readFrame("/nonexistent/trade.csv")).toThrow(message.fileMissing("/nonexistent/trade.csv"));
  });

  it("frameFromColumns reads strings as factors and numbers as Float64Array", () => {
    const frame = frameFromColumns({ exporter: ["A", "B", "A"], trade: [1, 2, 3] });
    const exporter = frame.columns.get("exporter");
    expect(exporter?.kind === "factor" ? Array.from(exporter.codes) : null).toEqual([0, 1, 0]);
    expect(frame.columns.get("trade")?.kind).toBe("numeric");
  });

  it("linearCombination: a'β and √(a'Va) by hand for a = (1, 1), V = [[4, 1], [1, 9]] → s.e. √15", () => {
    const table = { names: ["a", "b"], estimates: Float64Array.from([0.25, 0.5]), vcov: Float64Array.from([4, 1, 1, 9]) };
    const total = linearCombination(table, "a+b", { a: 1, b: 1 });
    expectClose(total.estimate, 0.75, TOL_ROUNDOFF, "a + b");
    expectClose(total.stdError, Math.sqrt(15), TOL_ROUNDOFF, "√(4 + 9 + 2·1)");
    expect(() => linearCombination(table, "typo", { c: 1 })).toThrow(TradewindsInputError);
  });
});
