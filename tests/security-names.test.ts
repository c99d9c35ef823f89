import { afterEach, describe, expect, it } from "vitest";
import { loadDataset } from "../src/data/load.js";
import { message } from "../src/messages.js";
import { modelCatalog } from "../src/models/available.js";
import { runScenario } from "../src/run.js";
import { validateScenarioText } from "../src/scenario/validate.js";
import { runBloc } from "../src/strategy/runBloc.js";
import { SIGMA_SETS, runTariffWar } from "../src/strategy/tariffWar.js";
import { nullPrototypeRecord, ownValue, reservedKeyPaths } from "../src/util/ownNames.js";
import { handDataset } from "./support/handDataset.js";
import { inputIssuesOf } from "./support/inputIssues.js";

/**
 * Names from a scenario never act as plain object keys (issue 15, "One request poisons a solve
 * thread"): reserved names as keys are refused with their path; any other name — `toString`,
 * `hasOwnProperty`, `__proto__` as a value — is looked up among own entries only and, not found,
 * gets the usual "unknown …" error. Object.prototype is checked untouched after every case.
 */

/** Names that a plain object would answer from Object.prototype. */
const INHERITED = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype"];

afterEach(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES);
  expect(Object.keys(Object.prototype)).toEqual([]);
});
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

const issuesOf = inputIssuesOf;

const gegravity = loadDataset("gegravity-2006");
const codes = gegravity.countries.map((c) => c.code);

function scenario(lines: { model?: string; shocks?: string[]; extra?: string[] }): string {
  return [
    "name: names",
    "dataset: gegravity-2006",
    `model: ${lines.model ?? "{type: gegravity}"}`,
    ...(lines.extra ?? []),
    "phases:",
    "  - name: p",
    "    shocks:",
    ...(lines.shocks ?? ["{type: trade-cost, importer: CAN, exporter: JPN, factor: 1.1}"]).map((s) => `      - ${s}`),
  ].join("\n");
}

describe("reserved names as keys are refused before the schema (zod's record parser would drop __proto__ silently)", () => {
  it("a group named __proto__, constructor or prototype: 400-style issue at groups.<name>", () => {
    for (const name of ["__proto__", "constructor", "prototype"]) {
      const issues = issuesOf(() => validateScenarioText(scenario({ extra: ["groups:", `  ${name}: [USA]`, "  NA: [CAN, USA]"] }), "t.yaml"));
      expect(issues).toEqual([{ source: "t.yaml", path: `groups.${name}`, value: JSON.stringify(name), message: message.reservedName(name) }]);
    }
  });

  it("in JSON text too, and as a key of model parameters and of estimation records", () => {
    const json = JSON.parse(JSON.stringify({ name: "j", dataset: "gegravity-2006", model: { type: "gegravity" }, phases: [{ name: "p" }] }));
    const text = JSON.stringify(json).replace('"type":"gegravity"', '"type":"gegravity","coefficients":{"__proto__":{"x":1},"pta":1}');
    expect(issuesOf(() => validateScenarioText(text, "t.json")).map((i) => i.path)).toEqual(["model.coefficients.__proto__"]);
    const where = scenario({ extra: ["estimation:", "  data: panel:ag-rta-1986-2006", "  crossSection: { where: { constructor: 1 } }", "  stages: [{ name: s, spec: { outcome: trade } }]"] });
    expect(issuesOf(() => validateScenarioText(where, "t.yaml")).map((i) => i.path)).toEqual(["estimation.crossSection.where.constructor"]);
  });

  it("reservedKeyPaths finds nested keys and ignores reserved words used as values", () => {
    expect(reservedKeyPaths(JSON.parse('{"a":[{"b":{"__proto__":1}}],"c":"__proto__","constructor":2}'))).toEqual([["a", 0, "b", "__proto__"], ["constructor"]]);
  });
});

describe("names used as values are looked up among own entries only", () => {
  it("a covariate shock named __proto__, constructor, toString …: unknown covariate, and Object.prototype is untouched", () => {
    for (const name of INHERITED) {
      const issues = issuesOf(() => runScenario(scenario({ shocks: [`{type: covariate, name: "${name}", importer: CAN, exporter: JPN, set: 1}`] })));
      expect(issues).toEqual([{ source: "scenario", path: "phases[0].shocks[0].name", value: JSON.stringify(name), message: message.unknownCovariate(name, Object.keys(gegravity.covariates)) }]);
    }
  });

  it("model types, tariff sets, country and group codes, report rows", () => {
    for (const name of INHERITED) {
      expect(issuesOf(() => runScenario(scenario({ model: `{type: "${name}"}` })))).toEqual([
        { source: "scenario", path: "model.type", value: JSON.stringify(name), message: message.unknownModel(Object.keys(modelCatalog)) },
      ]);
      const schedule = issuesOf(() => runScenario(scenario({ shocks: [`{type: tariff-schedule, schedule: "${name}"}`] })));
      expect(schedule).toEqual([{ source: "scenario", path: "phases[0].shocks[0].schedule", value: JSON.stringify(name), message: message.unknownTariffSet(name, Object.keys(gegravity.tariffs)) }]);
      const groups = Object.keys(gegravity.groups);
      const country = issuesOf(() => runScenario(scenario({ shocks: [`{type: trade-cost, importer: "${name}", exporter: JPN, factor: 1.1}`] })));
      expect(country).toEqual([{ source: "scenario", path: "phases[0].shocks[0].importer", value: JSON.stringify(name), message: message.unknownCountry(name, codes, groups) }]);
      const row = issuesOf(() => runScenario(scenario({ extra: [`report: { countries: ["${name}"] }`] })));
      expect(row).toEqual([{ source: "scenario", path: "report.countries[0]", value: JSON.stringify(name), message: message.unknownCountry(name, codes, groups) }]);
    }
  });

  it("model parameters naming covariates (gegravity coefficients, advanced-guide regressors): unknown covariate", () => {
    for (const name of ["toString", "hasOwnProperty", "valueOf"]) {
      const coefficient = issuesOf(() => runScenario(scenario({ model: `{type: gegravity, coefficients: { ${name}: 1 }}` })));
      // Checked at validation (the model's checkParams), so the path is the scenario's field.
      expect(coefficient[0]).toMatchObject({ path: `model.coefficients.${name}`, message: message.unknownCovariate(name, Object.keys(gegravity.covariates)) });
      const ag = loadDataset("ag-2006");
      const regressor = issuesOf(() => runScenario(scenario({ model: `{type: advanced-guide, regressors: [${name}]}` }).replace("gegravity-2006", "ag-2006")));
      expect(regressor[0]).toMatchObject({ path: "model.regressors[0]", message: message.unknownCovariate(name, Object.keys(ag.covariates)) });
    }
  });

  it("estimation stage, column and factor names", () => {
    const withStages = (stages: string) =>
      scenario({ extra: ["estimation:", "  data: panel:ag-rta-1986-2006", "  crossSection: {}", "  stages:", stages] });
    const column = issuesOf(() => runScenario(withStages("    - { name: s, spec: { outcome: toString } }")));
    expect(column[0]).toMatchObject({ path: "outcome", value: "toString", message: expect.stringContaining('unknown column "toString"') });
    const stage = issuesOf(() => runScenario(withStages("    - { name: s, columns: [{ name: c, fixedEffect: { stage: constructor, factor: x } }], spec: { outcome: trade } }")));
    expect(stage[0]).toMatchObject({ path: "estimation.stages[0].columns[0].fixedEffect.stage", message: message.unknownStage("constructor", []) });
  });

  it("a bloc's payoff key: constructor is not a reported quantity", async () => {
    const data = handDataset(["USA", "CHN", "JPN"], [100, 10, 8, 20, 120, 10, 8, 9, 90]);
    const text = [
      "name: bloc",
      "dataset: hand",
      "model: { type: liberation-day, variant: eaton-kortum, revenue: income-tax-relief }",
      "phases: [{ name: base }]",
      "bloc: { leader: USA, target: CHN, candidates: [JPN], payoff: constructor, membersOnTarget: { tariff: 0.3 } }",
    ].join("\n");
    await expect(runBloc({ text, source: "hand" }, { threads: 0, dataset: data })).rejects.toThrow(message.blocPayoffNotReported("constructor", "liberation-day", []).split(";")[0]);
  });
});

describe("names on the command line", () => {
  it("tariff-war --sigma toString is an unknown σ set (it passed an `in` check and crashed)", () => {
    for (const name of ["toString", "__proto__", "constructor"]) {
      const issues = issuesOf(() => runTariffWar(loadDataset("gtap-2007"), { sigma: name }));
      expect(issues).toEqual([{ source: "command line", path: "--sigma", value: JSON.stringify(name), message: message.unknownSigmaSet(name, Object.keys(SIGMA_SETS)) }]);
    }
  });
});

describe("ownValue and nullPrototypeRecord", () => {
  it("ownValue finds own entries only; a null-prototype record stores __proto__ as an ordinary key", () => {
    const record: Record<string, number> = { pta: 1 };
    for (const name of INHERITED) expect(ownValue(record, name)).toBeUndefined();
    expect(ownValue(record, "pta")).toBe(1);
    const safe = nullPrototypeRecord<number>([["__proto__", 2], ["toString", 3]]);
    expect(Object.getPrototypeOf(safe)).toBeNull();
    expect(Object.keys(safe)).toEqual(["__proto__", "toString"]);
    expect(ownValue(safe, "__proto__")).toBe(2);
  });
});
