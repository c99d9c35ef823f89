import { describe, expect, it } from "vitest";
import { EXIT } from "../src/cli/main.js";
import { loadDataset } from "../src/data/load.js";
import { TradewindsInputError, message } from "../src/messages.js";
import { runScenario } from "../src/run.js";
import { runCli } from "./support/cli.js";

describe("tradewinds datasets <name>", () => {
  const data = loadDataset("icio-2022");
  it("lists every country, group with its members, sector with its label, tariff set with date and source, and elasticity set", async () => {
    const r = await runCli("datasets", "icio-2022");
    expect(r.code).toBe(EXIT.ok);
    const lines = r.out.split("\n");
    for (const c of data.countries) expect(lines).toContain(`  ${c.code.padEnd(6)} ${c.name}`);
    for (const [group, members] of Object.entries(data.groups)) expect(lines).toContain(`  ${group} (${members.length}): ${members.join(", ")}`);
    for (const s of data.sectors) expect(lines.some((l) => l.startsWith(`  ${s.code} `) && l.endsWith(s.name))).toBe(true);
    for (const [name, info] of Object.entries(data.tariffSetInfo!)) {
      expect(r.out).toContain(`  ${name}${name === data.baselineTariffs ? " (baseline)" : ""} — ${info.date}`);
      expect(r.out).toContain(`      source: ${info.source}`);
    }
    expect(r.out).toContain("Elasticity sets (8; default IS)");
    expect(lines.some((l) => /^ {2}sector +IS +U4 +CP +BSY +GYY +Shap +FGO +LL$/.test(l))).toBe(true);
  });

  it("--json gives the same lists", async () => {
    const r = await runCli("datasets", "wiod-2014", "--json");
    const d = JSON.parse(r.out);
    expect(d.countries).toHaveLength(44);
    expect(d.sectors).toHaveLength(50);
    expect(d.tariffSets.map((t: { name: string }) => t.name)).toEqual(["factual"]);
    expect(d.elasticitySets).toEqual([]);
  });

  it("an unknown dataset name exits 2 and lists the embedded datasets", async () => {
    const r = await runCli("datasets", "icio-2030");
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain("icio-2022");
  });
});

describe("messages about an unknown code list every valid one", () => {
  it("an unknown country on icio-2022 names all 81 economies and the groups, without truncation", () => {
    const data = loadDataset("icio-2022");
    const text = "name: x\ndataset: icio-2022\nmodel: { type: caliendo-parro }\nphases:\n  - name: p\n    shocks:\n      - { type: tariff, importer: USA, exporter: XXX, set: 0.1, sectors: [C99] }\n";
    try {
      runScenario(text, { source: "x" });
      throw new Error("expected an error");
    } catch (err) {
      expect(err).toBeInstanceOf(TradewindsInputError);
      const issues = (err as TradewindsInputError).issues;
      const country = issues.find((i) => i.path.endsWith("exporter"))!;
      expect(country.message).toBe(message.unknownCountry("XXX", data.countries.map((c) => c.code), Object.keys(data.groups)));
      for (const c of data.countries) expect(country.message).toContain(c.code);
      const sector = issues.find((i) => i.path.includes("sectors"))!;
      for (const s of data.sectors) expect(sector.message).toContain(s.code);
      for (const issue of issues) expect(issue.message).not.toContain("…");
    }
  });
});
