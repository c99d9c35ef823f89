import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/main.js";
import { startProgress } from "../../src/cli/progress.js";
import type { BlocReport } from "../../src/report/blocReport.js";
import { runScenarioAsync } from "../../src/run.js";
import { runCli } from "../support/cli.js";
import { expectClose } from "../support/expectClose.js";

/**
 * Long commands show progress on standard error only when it is a terminal, and end with one line saying
 * what was done and how long it took (issue 12, "CLI manners").
 */
function stream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const pass = new PassThrough();
  let text = "";
  pass.on("data", (chunk) => (text += String(chunk)));
  return { stream: Object.assign(pass, { isTTY, columns: 100 }) as unknown as NodeJS.WriteStream, text: () => text };
}

describe("startProgress(stream)", () => {
  it("off a terminal: no bar, one summary line with the time taken", async () => {
    let clock = 1000;
    const out = stream(false);
    const progress = await startProgress({ stream: out.stream, now: () => clock });
    progress.update(3, 10, "membership sets");
    clock += 1500;
    progress.finish("bloc: 10 membership sets solved");
    expect(out.text()).toBe("tradewinds: bloc: 10 membership sets solved in 1.5 s\n");
  });

  it("on a terminal: a bar with the stage and the count, then the summary", async () => {
    const out = stream(true);
    const progress = await startProgress({ stream: out.stream });
    progress.update(3, 10, "membership sets");
    progress.finish("done");
    expect(out.text()).toContain("membership sets");
    expect(out.text()).toContain("3/10");
    expect(out.text()).toMatch(/tradewinds: done in \d+\.\d s\n$/);
  });

  it("--no-progress turns the bar off on a terminal too", async () => {
    const out = stream(true);
    const progress = await startProgress({ stream: out.stream, enabled: false });
    progress.update(1, 2);
    progress.finish("done");
    expect(out.text()).toMatch(/^tradewinds: done in \d+\.\d s\n$/);
  });
});

describe("tradewinds bloc on a dataset file, with worker threads", () => {
  // The three-country table of tests/data/dataset-file.test.ts; CCC decides whether to join AAA's bloc against BBB.
  const THREE = ["exporter,importer,value", "AAA,AAA,10", "AAA,BBB,2", "AAA,CCC,3", "BBB,AAA,4", "BBB,BBB,12", "BBB,CCC,1", "CCC,AAA,1", "CCC,BBB,3", "CCC,CCC,9"];
  /** CP solves to a residual norm of 1e-7: the same solve in a worker thread and in this one agree far below 1e-6 pp. */
  const TOL_SAME_SOLVE_PCT = 1e-6;

  it("each thread reads the file; CCC's payoff as a member equals a run of the same shocks; the summary line ends standard error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tradewinds-bloc-file-"));
    writeFileSync(join(dir, "three.csv"), THREE.join("\n") + "\n");
    const base = ["name: three", "dataset: ./three.csv", "model: { type: caliendo-parro, tradeElasticity: 4 }", "phases:", "  - name: base"];
    writeFileSync(join(dir, "bloc.yaml"), [...base, "bloc:", "  leader: AAA", "  target: BBB", "  candidates: [CCC]", "  membersOnTarget: { tariff: 0.5 }"].join("\n") + "\n");
    const r = await runCli("bloc", join(dir, "bloc.yaml"), "--format", "json", "--threads", "2");
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(r.err).toMatch(/^tradewinds: bloc: 2 membership sets solved \(2 threads\) in \d+\.\d s\n$/);
    const report = JSON.parse(r.out) as BlocReport;
    const member = report.sets.find((s) => s.members.join() === "CCC")!;
    const direct = await runScenarioAsync([...base.slice(0, -1), "  - name: CCC joins", "    shocks:", "      - { type: tariff, importer: CCC, exporter: BBB, set: 0.5 }"].join("\n") + "\n", { files: { baseDir: dir } });
    const ccc = direct.phases[0].countries.find((c) => c.code === "CCC")!.values.welfareChangePct;
    expectClose(member.payoffs.CCC, ccc, TOL_SAME_SOLVE_PCT, "CCC joining: bloc payoff vs a direct run");
  });
});
