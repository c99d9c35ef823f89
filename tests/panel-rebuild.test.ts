import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { build, metaText, PANEL_NAME } from "../scripts/panels/ag-rta-panel.js";
import { SHARED_DATA } from "./support/sharedData.js";

/** The committed panel in data/panels/ is exactly what scripts/panels/ag-rta-panel.ts derives from ../shared/data. */
describe("scripts/panels/ag-rta-panel.ts", () => {
  it("derives data/panels/ag-rta-1986-2006.csv and its provenance sidecar from Chapter2Application2.csv, byte for byte", () => {
    const built = build(SHARED_DATA);
    expect(built.csv === readFileSync(`data/panels/${PANEL_NAME}.csv`, "utf8"), `data/panels/${PANEL_NAME}.csv differs from its build; run npx tsx scripts/panels/ag-rta-panel.ts`).toBe(true);
    expect(metaText(built.meta)).toBe(readFileSync(`data/panels/${PANEL_NAME}.json`, "utf8"));
    // 69 countries × 69 × 6 years (spec one-sector.md §1.2).
    expect(built.meta.rows).toBe(69 * 69 * 6);
    expect(built.meta.licence).toBe("CC BY 4.0 (United Nations)");
  });
});
