import { describe, expect, it } from "vitest";
import { loadDataset } from "../src/data/load.js";
import { TradewindsInputError, message } from "../src/messages.js";
import { modelCatalog } from "../src/models/available.js";
import { compilePhase } from "../src/scenario/compile.js";
import { normalizeScenario, phaseInForce } from "../src/scenario/normalize.js";
import { validateScenarioText } from "../src/scenario/validate.js";
import { inputIssuesOf } from "./support/inputIssues.js";

const data = loadDataset("gegravity-2006");
const N = data.countries.length;
const at = (code: string) => data.countries.findIndex((c) => c.code === code);

function normalize(phases: string, extra = "") {
  const text = `name: t\ndataset: gegravity-2006\nmodel: {type: gegravity}\n${extra}phases:\n${phases}`;
  return normalizeScenario(validateScenarioText(text, "t.yaml"), data, modelCatalog, "t.yaml");
}

const issuesOf = (phases: string, extra = "") => inputIssuesOf(() => normalize(phases, extra));

describe("normalizeScenario(input, dataset, catalog)", () => {
  it("names an unknown country code, with its path", () => {
    const [issue] = issuesOf("  - name: a\n    shocks:\n      - {type: tariff, importer: USA, exporter: [JPN, XYZ], set: 0.1}\n");
    expect(issue.path).toBe("phases[0].shocks[0].exporter[1]");
    expect(issue.value).toBe('"XYZ"');
  });

  it("rejects sectors on a one-sector dataset", () => {
    const [issue] = issuesOf("  - name: a\n    shocks:\n      - {type: tariff, importer: USA, exporter: JPN, sectors: [mvh], set: 0.1}\n");
    expect(issue.path).toBe("phases[0].shocks[0].sectors[0]");
    expect(issue.message).toBe(message.sectorShockOnOneSector("gegravity"));
  });

  it("rejects an unknown tariff schedule and an unknown covariate", () => {
    const issues = issuesOf(
      "  - name: a\n    shocks:\n      - {type: tariff-schedule, schedule: nope}\n      - {type: covariate, name: rta, importer: USA, exporter: JPN, set: 1}\n",
    );
    expect(issues.map((i) => i.path)).toEqual(["phases[0].shocks[0].schedule", "phases[0].shocks[1].name"]);
  });

  it("rejects a shock the model cannot take", () => {
    const [issue] = issuesOf("  - name: a\n    shocks:\n      - {type: optimal-tariff, importer: USA}\n");
    expect(issue.path).toBe("phases[0].shocks[0].type");
  });

  it("checks model parameters with the model's own schema, naming the field", () => {
    const text = "name: t\ndataset: gegravity-2006\nmodel: {type: gegravity, sigma: 0.5, colour: red}\nphases:\n  - name: a\n";
    let issues: { path: string }[] = [];
    try {
      normalizeScenario(validateScenarioText(text, "t.yaml"), data, modelCatalog, "t.yaml");
    } catch (err) {
      issues = (err as TradewindsInputError).issues;
    }
    expect(issues.map((i) => i.path).sort()).toEqual(["model.colour", "model.sigma"]);
  });

  it("names an unknown phase to inherit from", () => {
    const [issue] = issuesOf("  - name: a\n  - name: b\n    inherit: c\n");
    expect(issue.path).toBe("phases[1].inherit");
    expect(issue.message).toBe(message.inheritUnknownPhase("c", ["a"]));
  });
});

describe("compilePhase(phase, dataset)", () => {
  it("inherits the previous phase, applies shocks in order, and never touches domestic pairs", () => {
    const s = normalize(
      "  - name: a\n    shocks:\n      - {type: tariff, importer: all, exporter: [JPN, CAN], set: 0.2}\n" +
        "  - name: b\n    shocks:\n      - {type: tariff, importer: USA, exporter: JPN, add: 0.05}\n" +
        "  - name: c\n    inherit: false\n    shocks:\n      - {type: tariff, importer: all, exporter: all, except: [CAN], set: '10%'}\n",
    );
    const [a, b, c] = s.phases.map((_, p) => compilePhase(phaseInForce(s.phases, p), data).policy.tariffs);
    const k = (i: string, j: string) => at(i) * N + at(j);
    expect(a[k("JPN", "USA")]).toBe(0.2);
    expect(a[k("JPN", "JPN")]).toBe(0); // domestic sales are never taxed
    expect(b[k("JPN", "USA")]).toBeCloseTo(0.25, 15); // inherited 0.2 + 0.05
    expect(b[k("CAN", "USA")]).toBe(0.2);
    expect(c[k("JPN", "USA")]).toBe(0.1); // inherit: false starts from the baseline
    expect(c[k("CAN", "USA")]).toBe(0); // except removes CAN as exporter …
    expect(c[k("USA", "CAN")]).toBe(0); // … and as importer
  });

  it("expands scenario groups into members", () => {
    const s = normalize("  - name: a\n    shocks:\n      - {type: trade-cost, importer: NA, exporter: NA, factor: 0.9}\n", "groups:\n  NA: [CAN, USA, MEX]\n");
    const d = compilePhase(phaseInForce(s.phases, 0), data).policy.tradeCostFactors;
    expect(d[at("CAN") * N + at("USA")]).toBe(0.9);
    expect(d[at("MEX") * N + at("CAN")]).toBe(0.9);
    expect(d[at("CAN") * N + at("CAN")]).toBe(1);
    expect(d[at("JPN") * N + at("USA")]).toBe(1);
  });
});

describe("scenario groups of the form { allExcept: [...] }", () => {
  // world-2023 carries the dataset groups EU27 (27 members) and G7; 194 countries.
  const world = loadDataset("world-2023");
  const groupOf = (groups: string) => {
    const text = `name: t\ndataset: world-2023\nmodel: {type: liberation-day}\ngroups:\n${groups}phases:\n  - name: a\n`;
    return normalizeScenario(validateScenarioText(text, "t.yaml"), world, modelCatalog, "t.yaml");
  };

  it("accepts the dataset's group names as list-form groups do: every country but EU27's 27 members and the USA", () => {
    const s = groupOf("  outside: { allExcept: [EU27, USA] }\n");
    const members = s.groups.get("outside")!;
    const removed = new Set([...world.groups.EU27, "USA"]);
    expect(removed.size).toBe(28);
    expect(members).toHaveLength(world.countries.length - 28);
    expect(members).toEqual(world.countries.map((c) => c.code).filter((c) => !removed.has(c)));
  });

  it("accepts the scenario's own groups, in either form, in any order", () => {
    const s = groupOf("  rest: { allExcept: [core] }\n  core: [noG7, CHN]\n  noG7: { allExcept: [G7] }\n");
    // core = (all − G7) ∪ {CHN}; rest = all − core = G7.
    expect([...s.groups.get("rest")!].sort()).toEqual([...world.groups.G7].sort());
  });

  it("names an unknown name at its path, and a group that reaches itself", () => {
    const issues = (groups: string) => {
      try {
        groupOf(groups);
      } catch (err) {
        return (err as TradewindsInputError).issues;
      }
      throw new Error("expected the scenario to be rejected");
    };
    const [unknown] = issues("  x: { allExcept: [USA, NOPE] }\n");
    expect(unknown.path).toBe("groups.x.allExcept[1]");
    expect(unknown.value).toBe('"NOPE"');
    const [cycle] = issues("  x: { allExcept: [y] }\n  y: [x, USA]\n");
    expect(cycle.path).toBe("groups.x.allExcept[0]");
    expect(cycle.message).toBe(message.groupReachesItself("x"));
  });
});
