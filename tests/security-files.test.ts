import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { EXIT } from "../src/cli/main.js";
import { embeddedDataDir } from "../src/data/load.js";
import { message } from "../src/messages.js";
import { runScenario } from "../src/run.js";
import { listEmbeddedPanels } from "../src/scenario/filePolicy.js";
import { runCli } from "./support/cli.js";
import { inputIssuesOf } from "./support/inputIssues.js";

/**
 * Which files a scenario can make Tradewinds read (issue 15, "The API reads server files"): under
 * the library's default policy ("deny", the HTTP API's) none — a panel by embedded name only, specs
 * inline; in the CLI, paths relative to the scenario's folder. Either way no error quotes a file.
 */

/** A scenario that solves quickly and has an estimation section; `estimation` is its YAML text. */
function scenarioWith(estimation: string): string {
  return ["name: files", "dataset: gegravity-2006", "model: {type: gegravity}", "phases:", "  - name: p", "    shocks: []", "estimation:", estimation].join("\n") + "\n";
}
const STAGE = "  crossSection: {}\n  stages:\n    - name: s1\n      spec: { outcome: trade }";

const inputIssues = inputIssuesOf;

describe('runScenario with the default file policy ("deny", as over HTTP)', () => {
  const panels = listEmbeddedPanels();

  it("refuses a data path of any kind, naming the field; no file is read and no server path is named", () => {
    for (const data of ["/etc/passwd", "../../etc/passwd", "data.csv", "./panels/ag-rta-1986-2006.csv", "file:///etc/passwd"]) {
      const issues = inputIssues(() => runScenario(scenarioWith(`  data: ${JSON.stringify(data)}\n${STAGE}`)));
      expect(issues).toEqual([{ source: "scenario", path: "estimation.data", value: JSON.stringify(data), message: message.dataPathDenied(panels) }]);
      expect(JSON.stringify(issues)).not.toContain(embeddedDataDir());
    }
  });

  it("panel:<name> is a name looked up among the embedded panels, never a path: panel:../../x is an unknown panel", () => {
    for (const name of ["../../package", "../panels/ag-rta-1986-2006", "ag-rta-1986-2006/../ag-rta-1986-2006", "toString", "__proto__"]) {
      const issues = inputIssues(() => runScenario(scenarioWith(`  data: "panel:${name}"\n${STAGE}`)));
      expect(issues).toEqual([{ source: "scenario", path: "estimation.data", value: JSON.stringify(`panel:${name}`), message: message.unknownPanel(name, panels) }]);
    }
  });

  it("refuses a stage spec given as a file, and an inline spec whose data is a path", () => {
    const specFile = inputIssues(() => runScenario(scenarioWith("  data: panel:ag-rta-1986-2006\n  crossSection: {}\n  stages:\n    - name: s1\n      spec: /etc/passwd")));
    expect(specFile).toEqual([{ source: "scenario", path: "estimation.stages[0].spec", value: '"/etc/passwd"', message: message.specPathDenied() }]);
    const specData = inputIssues(() => runScenario(scenarioWith("  data: panel:ag-rta-1986-2006\n  crossSection: {}\n  stages:\n    - name: s1\n      spec: { data: /etc/passwd, outcome: trade }")));
    expect(specData).toEqual([{ source: "scenario", path: "estimation.stages[0].spec.data", value: '"/etc/passwd"', message: message.dataPathDenied(panels) }]);
  });

  it("an embedded panel's errors name it as written (panel:<name>), not by its path on the server, and may list its columns", () => {
    const issues = inputIssues(() => runScenario(scenarioWith("  data: panel:ag-rta-1986-2006\n  crossSection: {}\n  stages:\n    - name: s1\n      spec: { outcome: nosuchcolumn }")));
    const header = readFileSync(join(embeddedDataDir(), "panels", "ag-rta-1986-2006.csv"), "utf8").split("\n")[0].split(",");
    expect(issues).toEqual([{ source: "panel:ag-rta-1986-2006", path: "outcome", value: "nosuchcolumn", message: message.unknownColumn("nosuchcolumn", header) }]);
    expect(JSON.stringify(issues)).not.toContain(embeddedDataDir());
  });
});

describe("tradewinds run: paths resolve against the scenario's folder, and no error quotes a file", () => {
  const dir = mkdtempSync(join(tmpdir(), "tradewinds-files-"));
  /** Every file below holds this marker; no output may contain it. */
  const SECRET = "SECRET-7f3a91";
  writeFileSync(join(dir, "secret.txt"), `${SECRET}:x:0:0:root:/root:/bin/bash\nsecond line\n`);
  writeFileSync(join(dir, "secret.csv"), `${SECRET},other\n1,2\n`);
  writeFileSync(join(dir, "broken.csv"), `a,b\n1,"${SECRET}\n`);
  writeFileSync(join(dir, "config.yaml"), `${SECRET}: 1\npassword: ${SECRET}\n`);
  writeFileSync(join(dir, "config.json"), JSON.stringify({ [SECRET]: true, outcome: 3 }));
  writeFileSync(join(dir, "random.bin"), Buffer.from(Array.from({ length: 512 }, (_, k) => (k * 7919 + 13) % 256)));

  async function run(estimation: string) {
    const file = join(dir, `s${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, scenarioWith(estimation));
    return runCli("run", file);
  }

  it("a data file that is not the panel: exit 2 naming the field, never its first line or columns", async () => {
    for (const data of ["secret.txt", "secret.csv", "broken.csv", "random.bin"]) {
      const r = await run(`  data: ${data}\n  crossSection: {}\n  stages:\n    - name: s1\n      spec: { outcome: trade }`);
      expect(r.code, data).toBe(EXIT.input);
      expect(r.err, data).not.toContain(SECRET);
      expect(r.err, data).not.toContain("root:");
    }
  });

  it("a spec file that is not a spec: exit 2 with the count of unknown keys, never the keys", async () => {
    for (const spec of ["config.yaml", "config.json", "secret.txt", "random.bin"]) {
      const r = await run(`  data: secret.csv\n  crossSection: {}\n  stages:\n    - name: s1\n      spec: ${spec}`);
      expect(r.code, spec).toBe(EXIT.input);
      expect(r.err, spec).not.toContain(SECRET);
      expect(r.err, spec).toContain("estimation.stages[0].spec");
    }
    const keys = await run(`  data: secret.csv\n  crossSection: {}\n  stages:\n    - name: s1\n      spec: config.yaml`);
    expect(keys.err).toContain(message.specKeysNotShown(2));
  });

  it("a missing file is named by its path in the scenario's folder; a folder is not a file", async () => {
    const missing = await run(`  data: nothere.csv\n${STAGE}`);
    expect(missing.code).toBe(EXIT.input);
    expect(missing.err).toContain(message.estimationDataMissing(join(dir, "nothere.csv")));
    const folder = await run(`  data: .\n${STAGE}`);
    expect(folder.code).toBe(EXIT.input);
    expect(folder.err).toContain(message.notARegularFile(dir));
  });
});

describe("examples/ag-nafta.yaml runs over the API too", () => {
  it("its stage 1 is written inline and is the spec of examples/estimate/ag-nafta-stage1.yaml (less the data line)", () => {
    const scenario = parseYaml(readFileSync("examples/ag-nafta.yaml", "utf8"));
    const { data, ...file } = parseYaml(readFileSync("examples/estimate/ag-nafta-stage1.yaml", "utf8"));
    expect(data).toBe(scenario.estimation.data);
    expect(scenario.estimation.stages[0].spec).toEqual(file);
  });
});
