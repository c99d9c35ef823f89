import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TradewindsInputError } from "../src/messages.js";
import { validateScenarioText } from "../src/scenario/validate.js";

/** One mistake, one message: the YAML parser's follow-on errors are not reported (issue 14: "one bad [ gives seven messages"). */
describe("validateScenarioText on a scenario with one unclosed [", () => {
  it("reports one syntax error, on the line of the bracket", () => {
    const text = readFileSync("examples/japan-2025.yaml", "utf8");
    const broken = text.replace('set: "34%" }', 'set: ["34%" }');
    expect(broken).not.toBe(text);
    const bracketLine = broken.split("\n").findIndex((l) => l.includes('["34%"')) + 1;
    let issues: { path: string }[] = [];
    try {
      validateScenarioText(broken, "scenario");
    } catch (err) {
      issues = (err as TradewindsInputError).issues;
    }
    expect(issues).toHaveLength(1);
    // The parser notices the bracket is unclosed where the flow sequence should have ended: its line or the next.
    const line = Number(/^line (\d+)$/.exec(issues[0].path)?.[1]);
    expect(line - bracketLine).toBeGreaterThanOrEqual(0);
    expect(line - bracketLine).toBeLessThanOrEqual(1);
  });
});
