import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { message } from "../../src/messages.js";
import { ARTIFACTS, editorText, seriousAccessibilityViolations, setEditorText, startDashboard, tableNumbers, WAIT_MS, type Dashboard, type TestPage } from "./support.js";

/**
 * The dashboard's views as a person sees them (issue 14, "a view people trust"): landing page, colours
 * by good and bad on a robust scale, named countries labelled, regions colouring their members, the
 * timeline by phase name, the summary's first column, sectors above the bilateral table, the stale
 * marker, hidden empty pickers, comparison by phase name, layouts at 900 px and on a phone, the editor's
 * line markers and completion, and axe-core on every view. Screenshots go to test-artifacts/.
 */
let dashboard: Dashboard;
let axeSource: string;
beforeAll(async () => {
  dashboard = await startDashboard();
  axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
}, WAIT_MS);
afterAll(async () => {
  await dashboard?.close();
});

/** compareWith values are computed from the same doubles the table shows; only the ratio's last bits may differ. */
const TOL_SHOWN_RATIO = 1e-9;

const rgb = (fill: string | null) => (/rgb\((\d+), (\d+), (\d+)\)/.exec(fill ?? "") ?? []).slice(1).map(Number);

async function expectAccessible(page: TestPage, view: string): Promise<void> {
  const violations = await seriousAccessibilityViolations(page, axeSource);
  expect(violations, `${view}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** Runs the editor's scenario on the server (Run) and waits for its stored result. */
async function runOnServer(page: TestPage): Promise<void> {
  await page.getByTestId("run").click();
  await page.locator('[data-testid=origin]:has-text("Stored run")').waitFor({ timeout: WAIT_MS });
}

describe("the dashboard's views", () => {
  it("landing page says what to do; with no stored run the compare pickers are hidden; a dataset without examples hides the example picker", async () => {
    const page = await dashboard.open("/");
    await page.getByTestId("landing").waitFor();
    expect(await page.getByTestId("landing").textContent()).toMatch(/Press Run.*Solve in browser.*What if/s);
    expect(await page.locator("section.compare").count()).toBe(0);
    await page.getByTestId("example").waitFor();
    await expectAccessible(page, "landing");
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-landing.png") });
    await page.getByTestId("dataset").selectOption("wiod-2014");
    await expect.poll(() => page.getByTestId("example").count()).toBe(0);
    expect(page.errors).toEqual([]);
    await page.close();
  }, 300_000);

  it("japan-2025: colours by good and bad for welfare and for consumer prices, on a robust scale; named countries labelled; summary's first column; timeline by phase name; stale marker", async () => {
    const page = await dashboard.open("/?example=japan-2025");
    await runOnServer(page);
    await page.getByRole("tab", { name: /liberation-day/ }).click();
    const shape = (code: string) => page.locator(`[data-testid=world-map] path[data-code=${code}]`).first();
    const cell = (code: string, key: string) => page.locator(`[data-testid=country-table] tr[data-code=${code}] td[data-key=${key}]`);

    // Welfare: the US gains on Liberation Day (Ignatenko et al. 2025, Table 1: +1.13% in this case), blue; China loses, red.
    expect(Number(await cell("USA", "welfareChangePct").getAttribute("data-value"))).toBeGreaterThan(0);
    expect(await shape("USA").getAttribute("data-tone")).toBe("good");
    const [ur, , ub] = rgb(await shape("USA").getAttribute("fill"));
    expect(ub).toBeGreaterThan(ur);
    expect(await shape("CHN").getAttribute("data-tone")).toBe("bad");
    const [cr, , cb] = rgb(await shape("CHN").getAttribute("fill"));
    expect(cr).toBeGreaterThan(cb);
    expect(await cell("USA", "welfareChangePct").getAttribute("class")).toBe("tone-good");

    // Robust scale: outliers clamped (the extent is below the largest |value|), the named countries inside it.
    const map = page.getByTestId("world-map");
    const extent = Number(await map.getAttribute("data-extent"));
    const welfare = [...(await tableNumbers(page, "country-table")).entries()].filter(([at]) => at.endsWith("/welfareChangePct")).map(([, v]) => v);
    expect(extent).toBeLessThan(Math.max(...welfare.map(Math.abs)));
    for (const code of ["JPN", "USA", "CHN"]) expect(Math.abs(Number(await cell(code, "welfareChangePct").getAttribute("data-value")))).toBeLessThanOrEqual(extent);
    // Named countries outlined and labelled with the value the table shows.
    expect(await shape("JPN").getAttribute("class")).toBe("named");
    expect(await page.locator("[data-testid=world-map] text[data-label=JPN]").textContent()).toBe(`JPN ${(await cell("JPN", "welfareChangePct").textContent())?.trim()}`);

    // Consumer prices: a rise is a loss — the US price index rises under its own tariffs, red, not blue.
    await page.getByTestId("measure").selectOption("priceIndexChangePct");
    expect(Number(await cell("USA", "priceIndexChangePct").getAttribute("data-value"))).toBeGreaterThan(0);
    expect(await shape("USA").getAttribute("data-tone")).toBe("bad");
    const [pr, , pb] = rgb(await shape("USA").getAttribute("fill"));
    expect(pr).toBeGreaterThan(pb);
    expect(await cell("USA", "priceIndexChangePct").getAttribute("class")).toBe("tone-bad");

    // Summary: the first column is the country ("JPN Japan"), a group once ("EU27").
    expect((await page.locator("[data-testid=summary-table] tr[data-code=JPN] th").textContent())?.trim()).toBe("JPN Japan");
    expect((await page.locator("[data-testid=summary-table] tr[data-code=EU27] th").textContent())?.trim()).toBe("EU27");
    expect((await page.locator("[data-testid=summary-table] thead th").first().textContent())?.trim()).toBe("Country");

    // Timeline: labelled by phase name, the phases evenly spaced although their dates are 2, 5 and 33 days apart.
    const timeline = page.getByTestId("timeline");
    const labels = await timeline.locator("text").allTextContents();
    for (const name of ["liberation-day", "china-responds", "reprieve", "geneva-truce", "us-japan-deal"]) expect(labels.join(" ")).toContain(name);
    const xs = [...new Set(await page.evaluate<number[]>("[...document.querySelectorAll('[data-testid=timeline] circle')].map((c) => Math.round(c.getBoundingClientRect().x))"))].sort((a, b) => a - b);
    expect(xs).toHaveLength(5);
    const steps = xs.slice(1).map((x, k) => x - xs[k]);
    for (const step of steps) expect(Math.abs(step - steps[0])).toBeLessThanOrEqual(2);

    await page.evaluate("window.scrollTo(0, 0)");
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-results.png") });
    await expectAccessible(page, "results");

    // Stale: edit the scenario, the result is marked; run it, the mark goes.
    expect(await page.getByTestId("stale").count()).toBe(0);
    await setEditorText(page, (await editorText(page)).replace('set: "15%"', 'set: "16%"'));
    await page.getByTestId("stale").waitFor();
    await runOnServer(page);
    await expect.poll(() => page.getByTestId("stale").count(), { timeout: WAIT_MS }).toBe(0);
    expect(page.errors).toEqual([]);
    await page.close();
  }, 600_000);

  it("japan-sectors (gtap-2007): the EU and ROW regions colour their member countries; the sector chart sits above the bilateral table", async () => {
    const page = await dashboard.open("/?example=japan-sectors");
    await runOnServer(page);
    for (const [iso3, region] of [["FRA", "EU"], ["DEU", "EU"], ["GBR", "EU"], ["ARG", "ROW"], ["AUS", "ROW"]]) {
      const path = page.locator(`[data-testid=world-map] path[data-code=${iso3}]`).first();
      expect(await path.getAttribute("data-region"), iso3).toBe(region);
      expect(await path.getAttribute("fill"), iso3).not.toBe("#d9d9d9");
      expect(await path.locator("title").textContent()).toContain(`part of ${region}`);
    }
    const chart = await page.getByTestId("sector-chart").boundingBox();
    const bilateral = await page.getByTestId("bilateral-table").boundingBox();
    expect(chart!.y + chart!.height).toBeLessThanOrEqual(bilateral!.y);
    await page.getByTestId("sector-chart").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-sectors.png") });
    await expectAccessible(page, "sector results");
    expect(page.errors).toEqual([]);
    await page.close();
  }, 600_000);

  it("us-japan-deal (icio-2022): a phase with compareWith shows its results relative to that phase, and its deal instruments", async () => {
    const page = await dashboard.open("/?example=us-japan-deal");
    await runOnServer(page);
    const summary = (code: string) => page.locator(`[data-testid=summary-table] tr[data-code=${code}] td[data-key=welfareChangePct]`);
    await page.getByRole("tab", { name: /^no-deal/ }).click();
    const noDeal = Number(await summary("JPN").getAttribute("data-value"));
    await page.getByRole("tab", { name: /^deal\s*2025/ }).click();
    const deal = Number(await summary("JPN").getAttribute("data-value"));
    expect(await page.getByTestId("comparison-heading").textContent()).toBe("Relative to phase no-deal");
    // The comparison is the ratio of real incomes (report/compareRules.ts): 100·((1 + a/100) ⁄ (1 + b/100) − 1).
    const relative = Number(await page.locator("[data-testid=comparison-table] tr[data-code=JPN] td[data-key=welfareChangePct]").getAttribute("data-value"));
    expect(Math.abs(relative - 100 * ((1 + deal / 100) / (1 + noDeal / 100) - 1))).toBeLessThan(TOL_SHOWN_RATIO);
    // The scenario's two instruments of this phase: the commitment binds (the flow is raised to its target), the pledge raises US productivity.
    const rows = page.locator("[data-testid=instruments-table] tbody tr");
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).locator("th").textContent()).toContain("purchase-commitment");
    expect(await rows.nth(0).locator("td").first().textContent()).toMatch(/^binding/);
    expect(await rows.nth(1).locator("th").textContent()).toContain("investment-pledge");
    await page.getByTestId("instruments-table").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-deal.png") });
    await expectAccessible(page, "deal results");
    expect(page.errors).toEqual([]);
    await page.close();
  }, 600_000);

  it("compare view pairs phases by name, warns of an unmatched one, and shows units in the cells", async () => {
    const text = readFileSync("examples/japan-2025.yaml", "utf8");
    // The variant drops the reprieve phase (the geneva-truce phase then inherits from china-responds).
    const start = text.indexOf("  - name: reprieve");
    const variant = text.slice(0, start) + text.slice(text.indexOf("  - name: geneva-truce"));
    const ids: string[] = [];
    for (const scenario of [text, variant]) {
      const res = await fetch(`${dashboard.url}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario, mode: "direct" }) });
      expect(res.status).toBe(200);
      ids.push(((await res.json()) as { result: { id: string } }).result.id);
    }
    const page = await dashboard.open(`/?result=${ids[1]}`);
    await page.getByTestId("compare-A").selectOption(ids[0]);
    await page.getByTestId("compare-B").selectOption(ids[1]);
    await page.getByTestId("compare-warnings").waitFor({ timeout: WAIT_MS });
    expect((await page.getByTestId("compare-warnings").textContent())?.trim()).toBe(message.comparePhaseUnmatched("reprieve", "A", ["liberation-day", "china-responds", "geneva-truce", "us-japan-deal"]));
    const options = await page.getByTestId("compare-phase").locator("option").allTextContents();
    expect(options).toEqual(["liberation-day", "china-responds", "reprieve ↔ (none in B)", "geneva-truce", "us-japan-deal"]);
    await page.getByTestId("compare-phase").selectOption({ label: "geneva-truce" });
    const japan = page.locator("[data-testid=compare-table] tr[data-code=JPN] td");
    expect(await japan.nth(0).textContent()).toMatch(/ %$/);
    expect(await japan.nth(2).textContent()).toMatch(/ pp$/);
    const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow).toBeLessThanOrEqual(0);
    await page.locator("section.compare").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-compare.png") });
    await expectAccessible(page, "compare");
    expect(page.errors).toEqual([]);
    await page.close();
  }, 600_000);

  for (const [name, viewport] of [["900px", { width: 900, height: 1000 }], ["phone", { width: 390, height: 844 }]] as const) {
    it(`usable at ${name}: one column, no sideways page scroll, tables scroll inside their box`, async () => {
      const page = await dashboard.open("/?example=japan-2025", viewport);
      await runOnServer(page);
      expect(await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth")).toBeLessThanOrEqual(0);
      const left = await page.locator("aside.left").boundingBox();
      const right = await page.locator(".right").boundingBox();
      expect(right!.y).toBeGreaterThanOrEqual(left!.y + left!.height - 1); // stacked, not side by side
      const wrap = "document.querySelector('[data-testid=country-table]').parentElement";
      expect(await page.evaluate<string>(`getComputedStyle(${wrap}).overflowX`)).toBe("auto");
      expect(await page.evaluate<number>(`${wrap}.getBoundingClientRect().right`)).toBeLessThanOrEqual(viewport.width);
      // Labels stay readable: no text smaller than 11 px in the tables.
      const smallest = await page.evaluate<number>("Math.min(...[...document.querySelectorAll('[data-testid=summary-table] td, [data-testid=summary-table] th')].map((e) => parseFloat(getComputedStyle(e).fontSize)))");
      expect(smallest).toBeGreaterThanOrEqual(11);
      await page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: false });
      await page.locator("[data-testid=results]").scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}-results.png`) });
      await expectAccessible(page, name);
      expect(page.errors).toEqual([]);
      await page.close();
    }, 600_000);
  }
});

describe("the scenario editor (CodeMirror 6)", () => {
  it("keeps an error's marker on its line after the editor scrolls, and one bad [ gives one marker", async () => {
    const page = await dashboard.open("/?example=japan-2025");
    await expect.poll(() => editorText(page)).toContain('set: "15%"');
    const text = await editorText(page);
    // 60 comment lines before the phases push the error below the editor's visible part.
    const padded = text.replace("phases:", `${Array.from({ length: 60 }, (_, k) => `# note ${k + 1}`).join("\n")}\nphases:`);
    const broken = padded.replace('exporter: JPN, set: "15%"', "exporter: JPN, set: 15");
    await setEditorText(page, broken);
    const line = broken.split("\n").findIndex((l) => l.includes("exporter: JPN, set: 15")) + 1;
    await page.locator("[data-testid=issues] li", { hasText: message.rateLooksLikePercent(15) }).waitFor({ timeout: WAIT_MS });
    await page.evaluate(`(() => { const s = document.querySelector(".cm-scroller"); s.scrollTop = s.scrollHeight; })()`);
    const marker = page.locator(".cm-lint-marker-error");
    await marker.first().waitFor();
    expect(await marker.count()).toBe(1);
    const errorLine = page.locator(".cm-line", { hasText: "exporter: JPN, set: 15" });
    const numberCell = page.locator(".cm-lineNumbers .cm-gutterElement", { hasText: new RegExp(`^${line}$`) });
    const [m, l, n] = [await marker.boundingBox(), await errorLine.boundingBox(), await numberCell.boundingBox()];
    // The marker and the line number sit within the error's line (it may wrap over two rows), on screen.
    const middle = (b: { y: number; height: number }) => b.y + b.height / 2;
    for (const box of [m!, n!]) {
      expect(middle(box)).toBeGreaterThanOrEqual(l!.y);
      expect(middle(box)).toBeLessThanOrEqual(l!.y + l!.height);
    }
    const scroller = await page.locator(".cm-scroller").boundingBox();
    expect(l!.y).toBeGreaterThanOrEqual(scroller!.y);
    expect(l!.y + l!.height).toBeLessThanOrEqual(scroller!.y + scroller!.height);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-editor-marker.png") });

    // One unclosed [ : one message, one marker.
    await setEditorText(page, text.replace('set: "34%" }', 'set: ["34%" }'));
    await page.locator("[data-testid=issues] li").first().waitFor({ timeout: WAIT_MS });
    await expect.poll(() => page.locator("[data-testid=issues] li").count(), { timeout: WAIT_MS }).toBe(1);
    expect(await page.locator(".cm-lint-marker-error").count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-error.png") });
    await expectAccessible(page, "editor with an error");
    expect(page.errors).toEqual([]);
    await page.close();
  }, 300_000);

  it("completes keys from the scenario's JSON Schema and codes from the dataset", async () => {
    const page = await dashboard.open("/?example=japan-2025");
    await expect.poll(() => editorText(page)).toContain("phases:");
    const content = page.locator(".cm-content");
    const complete = async (text: string, expected: string) => {
      await setEditorText(page, text);
      await content.press("Control+End");
      await content.press("Control+Space");
      const list = page.locator(".cm-tooltip-autocomplete");
      await list.waitFor({ timeout: WAIT_MS });
      expect(await list.textContent(), text).toContain(expected);
      await content.press("Escape");
    };
    await complete("name: x\ndataset: world-2023\nmo", "model");
    await complete("name: x\ndataset: world-2023\nphases:\n  - name: a\n    shocks:\n      - { type: tariff, imp", "importer");
    await complete("name: x\ndataset: world-2023\nphases:\n  - name: a\n    shocks:\n      - type: ", "tariff-schedule");
    await complete("name: x\ndataset: world-2023\nphases:\n  - name: a\n    shocks:\n      - { type: tariff, importer: JP", "JPN");
    expect(page.errors).toEqual([]);
    await page.close();
  }, 300_000);
});
