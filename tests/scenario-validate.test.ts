import { describe, expect, it } from "vitest";
import { message } from "../src/messages.js";
import { validateScenarioText } from "../src/scenario/validate.js";
import { inputIssuesOf } from "./support/inputIssues.js";

/** Validates and returns the issues thrown (or fails when none is thrown). */
const issuesOf = (text: string) => inputIssuesOf(() => validateScenarioText(text, "test.yaml"));

const head = "name: t\ndataset: world-2023\nmodel: {type: liberation-day}\n";

describe("validateScenarioText(text, source)", () => {
  it("reads rates as shares and percent strings", () => {
    const s = validateScenarioText(
      head + "phases:\n  - name: a\n    shocks:\n      - {type: tariff, importer: USA, exporter: JPN, set: 0.24}\n      - {type: tariff, importer: USA, exporter: CHN, set: '145%'}\n",
      "t.yaml",
    );
    const [a, b] = s.phases[0].shocks;
    expect(a.type === "tariff" && a.set).toBe(0.24);
    expect(b.type === "tariff" && b.set).toBeCloseTo(1.45, 15);
  });

  it("rejects a percent typed as a share, naming the field, the value and the fix", () => {
    const [issue] = issuesOf(head + "phases:\n  - name: a\n    shocks:\n      - {type: tariff, importer: USA, exporter: JPN, set: 24}\n");
    expect(issue.path).toBe("phases[0].shocks[0].set");
    expect(issue.value).toBe("24");
    expect(issue.message).toBe(message.rateLooksLikePercent(24));
  });

  it("rejects unknown keys (a typo would silently change the answer)", () => {
    const issues = issuesOf(head + "phases:\n  - name: a\n    shocks:\n      - {type: tariff, importer: USA, exporter: JPN, set: 0.1, sector: [mvh]}\n");
    expect(issues[0].path).toBe("phases[0].shocks[0].sector");
    expect(issues[0].message).toContain("sectors");
  });

  it("rejects a tariff with both set and add, and an unknown shock type", () => {
    const issues = issuesOf(
      head + "phases:\n  - name: a\n    shocks:\n      - {type: tariff, importer: USA, exporter: JPN, set: 0.1, add: 0.1}\n      - {type: tarif, importer: USA, exporter: JPN}\n",
    );
    expect(issues.map((i) => i.path)).toEqual(["phases[0].shocks[0]", "phases[0].shocks[1].type"]);
  });

  it("reports YAML syntax errors with the line", () => {
    const [issue] = issuesOf("name: [unclosed\n");
    expect(issue.source).toBe("test.yaml");
    expect(issue.path).toMatch(/^line \d+$/);
  });

  it("requires at least one phase and a dataset", () => {
    const issues = issuesOf("name: t\nmodel: {type: x}\nphases: []\n");
    expect(issues.map((i) => i.path).sort()).toEqual(["dataset", "phases"]);
  });
});
