import { beforeAll, describe, expect, it } from "vitest";
import { parseEstimationSpec, type EstimationSpecInput } from "../../src/estimation/estimationSpec.js";
import { fitPpml } from "../../src/estimation/fitPpml.js";
import { readFrame, type DataFrame } from "../../src/estimation/frame.js";
import { estimationReport } from "../../src/estimation/estimationReport.js";
import { expectRelativeClose, PANEL_YEARS, sharedDataFile, slope } from "../ppml-helpers.js";

/**
 * Clustering without an id column built by hand:
 *
 * - `vcov.cluster: [exporter, importer]` (ge_gravity, ppmlhdfe `cluster(exporter#importer)`) is clustering
 *   on the id of the combination, a directed pair — an identity checked against an id built by hand
 *   (one level per distinct "exporter|importer" text): same clusters, same standard errors;
 * - `vcov.cluster: { pair: [exporter, importer] }` is the unordered pair. The Advanced Guide (Yotov,
 *   Piermartini, Monteiro & Larch 2016) clusters by its `pair_id`, which is unordered: 2,346 clusters =
 *   69·68/2 country pairs on the international rows (the directed pairs are twice as many). Its Ch.1
 *   App.1 Table 1 PPML column (spec ppml.md §4 row AG1-PPML, the verified 6-decimal MLE) is reproduced
 *   with `{ pair: [exporter, importer] }`: N 28,152, 2,346 clusters, s.e. log_dist 0.031658, cntg 0.083160,
 *   lang 0.076539, clny 0.116244. Data: ../shared/data/advanced-guide/Chapter1Application3_with_rta_lags.csv.
 */

/** Same partition of the rows, same cluster order (first appearance): the sums are the same operations; 1e-12 allows for none but round-off. */
const TOL_IDENTITY_RELATIVE = 1e-12;
/** s.e. given to 6 decimals (≈ 5 significant digits): relative 1e‑4 (spec ppml.md §3.7). */
const TOL_SE_RELATIVE = 1e-4;
/** A full-panel fit takes 1–3 s alone; the 2 shared cores may be busy. */
const SLOW_FIT_TIMEOUT_MS = 120_000;

let frame: DataFrame;
beforeAll(() => {
  frame = readFrame(sharedDataFile("advanced-guide/Chapter1Application3_with_rta_lags.csv"));
  // The hand-built ids: one level per distinct "exporter|importer" text (directed), and per sorted pair (unordered).
  const exporter = frame.columns.get("exporter")!;
  const importer = frame.columns.get("importer")!;
  if (exporter.kind !== "factor" || importer.kind !== "factor") throw new Error("exporter and importer must be text columns");
  const handBuilt = (label: (a: string, b: string) => string) => {
    const levels: string[] = [];
    const levelOf = new Map<string, number>();
    const codes = new Int32Array(frame.rowCount);
    for (let r = 0; r < frame.rowCount; r++) {
      const text = label(exporter.levels[exporter.codes[r]], importer.levels[importer.codes[r]]);
      let level = levelOf.get(text);
      if (level === undefined) levelOf.set(text, (level = levels.push(text) - 1));
      codes[r] = level;
    }
    return { kind: "factor" as const, codes, levels };
  };
  frame.columns.set("directed_by_hand", handBuilt((a, b) => `${a}|${b}`));
  frame.columns.set("unordered_by_hand", handBuilt((a, b) => (a < b ? `${a}|${b}` : `${b}|${a}`)));
}, SLOW_FIT_TIMEOUT_MS);

function ag1Ppml(cluster: NonNullable<NonNullable<EstimationSpecInput["vcov"]>["cluster"]>): EstimationSpecInput {
  return {
    sample: [{ column: "year", in: PANEL_YEARS }, { differ: ["exporter", "importer"] }],
    derive: [{ name: "log_dist", log: "dist" }],
    outcome: "trade",
    regressors: ["log_dist", "cntg", "lang", "clny"],
    fixedEffects: [["exporter", "year"], ["importer", "year"]],
    vcov: { type: "cluster", cluster, smallSample: "stata" },
  };
}

const fit = (cluster: Parameters<typeof ag1Ppml>[0]) => fitPpml(frame, parseEstimationSpec(ag1Ppml(cluster), "cluster test"));
const PUBLISHED_SE: Record<string, number> = { log_dist: 0.031658, cntg: 0.08316, lang: 0.076539, clny: 0.116244 };
const DIRECTED_PAIRS = 69 * 68;

describe("vcov.cluster on a combination of columns, without an id column", { timeout: SLOW_FIT_TIMEOUT_MS }, () => {
  it("[exporter, importer] equals clustering on a directed pair id built by hand", () => {
    const combined = fit(["exporter", "importer"]);
    const byHand = fit("directed_by_hand");
    expect(combined.value.clusters).toEqual({ variable: "exporter#importer", count: DIRECTED_PAIRS });
    expect(byHand.value.clusters?.count).toBe(DIRECTED_PAIRS);
    for (const name of Object.keys(PUBLISHED_SE)) {
      expectRelativeClose(slope(combined, name).stdError, slope(byHand, name).stdError, TOL_IDENTITY_RELATIVE, `${name} s.e.: [exporter, importer] vs hand-built id`);
    }
    const spec = parseEstimationSpec(ag1Ppml(["exporter", "importer"]), "report");
    expect(estimationReport("spec.yaml", "data.csv", spec, combined).model.vcov).toBe("cluster(exporter#importer), small-sample stata");
  });

  it("{ pair: [exporter, importer] } equals a hand-built unordered id and reproduces the Advanced Guide's pair-clustered AG1-PPML s.e.", () => {
    const pair = fit({ pair: ["exporter", "importer"] });
    const byHand = fit("unordered_by_hand");
    expect(pair.value.clusters).toEqual({ variable: "pair(exporter, importer)", count: DIRECTED_PAIRS / 2 });
    expect(pair.value.observations.used).toBe(28152);
    for (const name of Object.keys(PUBLISHED_SE)) {
      expectRelativeClose(slope(pair, name).stdError, slope(byHand, name).stdError, TOL_IDENTITY_RELATIVE, `${name} s.e.: pair vs hand-built unordered id`);
      expectRelativeClose(slope(pair, name).stdError, PUBLISHED_SE[name], TOL_SE_RELATIVE, `${name} s.e. vs AG Table 1 (pair_id)`);
    }
  });

  it("names a missing column of the combination at its position", () => {
    expect(() => fit(["exporter", "partner"])).toThrow(/vcov\.cluster\[1\]/);
    expect(() => fit({ pair: ["exporter", "partner"] })).toThrow(/vcov\.cluster\.pair\[1\]/);
  });
});
