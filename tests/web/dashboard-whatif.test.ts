import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../src/report/types.js";
import { runScenario } from "../../src/run.js";
import { createRequire } from "node:module";
import { ARTIFACTS, seriousAccessibilityViolations, startDashboard, tableNumbers, WAIT_MS, type Dashboard, type TestPage } from "./support.js";

/**
 * The in-browser what-if (issue 14): the library's own model code runs in a Web Worker; a slider move
 * re-solves warm, then settles to the exact solve; the numbers equal the server's for the same scenario;
 * "Save as scenario" stores the variant as a run. Timings are printed, and asserted only against
 * generous bounds (the machine is shared and loaded).
 */
let dashboard: Dashboard;
beforeAll(async () => {
  dashboard = await startDashboard();
}, WAIT_MS);
afterAll(async () => {
  await dashboard?.close();
});

/**
 * Client and server run the same code from the same start, but not the same JavaScript engine: Node 20's
 * V8 and Chromium's V8 differ in the last bit of about one Math.pow / Math.exp / Math.log result in ten
 * (measured on 20,000 arguments each). Both solves stop at the solver's tolerance (Liberation Day: max
 * scaled residual 1e-12), so their numbers agree to 1e-9 (in each quantity's unit: pp, shares) — except
 * where a quantity amplifies the last bits: a small trade deficit's percent change (ZWE's moved by 1.9e-9
 * pp of 0.45). Such numbers agree to 1e-8 relative. The test prints the largest gap and how many numbers
 * are bit-equal.
 */
const TOL_CLIENT_SERVER_ABS = 1e-9;
const TOL_CLIENT_SERVER_REL = 1e-8;
/** Generous bounds on a warm re-solve (goals: 100 ms for 194 countries, 300 ms for gtap-2007; here a loaded 2-core machine). */
const GENEROUS_WARM_MS = 5_000;

function expectSameNumbers(browser: Map<string, number>, server: Map<string, number>, what: string): void {
  expect([...browser.keys()].sort(), what).toEqual([...server.keys()].sort());
  let worst = { gap: 0, at: "" };
  let bitEqual = 0;
  for (const [at, value] of browser) {
    const expected = server.get(at)!;
    const gap = Math.abs(value - expected);
    if (gap === 0) bitEqual++;
    if (gap > worst.gap) worst = { gap, at };
    const tolerance = Math.max(TOL_CLIENT_SERVER_ABS, TOL_CLIENT_SERVER_REL * Math.abs(expected));
    expect(gap, `${what} ${at}: browser ${value}, server ${expected}, tolerance ${tolerance}`).toBeLessThanOrEqual(tolerance);
  }
  console.log(`${what}: ${browser.size} numbers, ${bitEqual} bit-equal, largest gap ${worst.gap.toExponential(2)} at ${worst.at || "-"}`);
}

/** The report's numbers of one phase as the tables show them (countries and summary), by "row/key". */
function reportNumbers(report: RunReport, phase: number, table: "countries" | "summary"): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of report.phases[phase][table]) for (const key of report.tableKeys) if (key in row.values) out.set(`${row.code}/${key}`, row.values[key]);
  return out;
}

const status = (page: TestPage) => page.getByTestId("whatif-status");

async function settled(page: TestPage): Promise<void> {
  await page.locator('[data-testid=whatif-status][data-state=idle][data-exact=true][data-text-matches=true]').waitFor({ timeout: WAIT_MS });
}

async function warmTiming(page: TestPage): Promise<{ workerMs: number; roundTripMs: number; phases: string }> {
  const s = status(page);
  await page.locator("[data-testid=whatif-status][data-warm-ms]").waitFor({ timeout: WAIT_MS });
  return { workerMs: Number(await s.getAttribute("data-warm-ms")), roundTripMs: Number(await s.getAttribute("data-warm-roundtrip-ms")), phases: (await s.getAttribute("data-warm-phases")) ?? "" };
}

describe("what-if on examples/liberation-day-case-1.yaml (194 countries, Liberation Day model)", () => {
  it("solves in the browser to the server's numbers, re-solves warm as the slider moves, and saves the variant as a stored run with the same numbers", async () => {
    const page = await dashboard.open("/?example=liberation-day-case-1");
    await page.getByTestId("solve-browser").click();
    await page.locator("[data-testid=country-table] td[data-key=welfareChangePct]").first().waitFor({ timeout: WAIT_MS });
    // The browser's solve of the example equals the server's (runScenario is what the server's solve thread runs).
    const text = readFileSync("examples/liberation-day-case-1.yaml", "utf8");
    const server = runScenario(text);
    expectSameNumbers(await tableNumbers(page, "country-table"), reportNumbers(server, 0, "countries"), "Solve in browser, countries");
    expectSameNumbers(await tableNumbers(page, "summary-table"), reportNumbers(server, 0, "summary"), "Solve in browser, summary");

    await page.getByTestId("whatif-start").click();
    await settled(page);
    await page.getByTestId("whatif-importer").selectOption("USA");
    await page.getByTestId("whatif-exporter").selectOption("JPN");
    // The slider starts at the tariff in force: the April-2 schedule's 24% on Japan.
    await expect.poll(() => page.getByTestId("whatif-value").inputValue(), { timeout: WAIT_MS }).toBe("24");
    const japanFill = () => page.locator("[data-testid=world-map] path[data-code=JPN]").first().getAttribute("fill");
    const before = await japanFill();

    const timings: { workerMs: number; roundTripMs: number; phases: string }[] = [];
    for (const percent of [30, 45, 60, 100]) {
      await page.getByTestId("whatif-slider").fill(String(percent));
      timings.push(await warmTiming(page));
      await settled(page);
    }
    for (const t of timings) expect(t.phases).toMatch(/^case-1:warm:\d+$/);
    console.log(`what-if warm re-solve, Liberation Day 194 countries (in Chromium's worker): ${timings.map((t) => `${t.workerMs.toFixed(0)} ms solve, ${t.roundTripMs.toFixed(0)} ms move → map`).join("; ")}`);
    for (const t of timings) expect(t.workerMs).toBeLessThan(GENEROUS_WARM_MS);
    expect(await japanFill()).not.toBe(before);

    // Many moves at once: the latest value wins (earlier ones are dropped), and the result matches it.
    for (const percent of [50, 55, 61, 67, 72, 80, 88]) await page.getByTestId("whatif-slider").fill(String(percent));
    await settled(page);
    expect(await page.getByTestId("whatif-value").inputValue()).toBe("88");

    const browser = await tableNumbers(page, "country-table");
    const browserSummary = await tableNumbers(page, "summary-table");
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-whatif.png") });
    // axe-core on the what-if view: no serious or critical violation.
    const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    expect(await seriousAccessibilityViolations(page, axeSource)).toEqual([]);
    await page.getByTestId("whatif-save").click();
    await page.waitForURL(/[?&]result=/, { timeout: WAIT_MS });
    await page.locator('[data-testid=origin]:has-text("Stored run")').waitFor({ timeout: WAIT_MS });
    const id = new URL(page.url()).searchParams.get("result")!;
    const stored = (await (await fetch(`${dashboard.url}/api/results/${id}`)).json()) as { scenarioText: string; report: RunReport };
    expect(stored.scenarioText).toContain('{ type: tariff, importer: USA, exporter: JPN, set: "88%" }');
    expectSameNumbers(browser, reportNumbers(stored.report, 0, "countries"), "what-if vs stored run, countries");
    expectSameNumbers(browserSummary, reportNumbers(stored.report, 0, "summary"), "what-if vs stored run, summary");
    expect(page.errors).toEqual([]);
    await page.close();
  }, 600_000);

  it("a solve can be cancelled, and the page stays responsive while the worker solves", async () => {
    const page = await dashboard.open("/?example=japan-2025");
    await page.getByTestId("solve-browser").click();
    await page.locator("[data-testid=whatif-start]").waitFor({ timeout: WAIT_MS });
    await page.getByTestId("whatif-start").click();
    await settled(page);
    // Edit the first phase: all five phases re-solve; the main thread answers meanwhile.
    await page.getByRole("tab", { name: /liberation-day/ }).click();
    await page.locator("[data-testid=whatif-slider]:not([disabled])").waitFor({ timeout: WAIT_MS });
    await page.getByTestId("whatif-slider").fill("150");
    // The page answers while the worker solves (the five phases re-solve off the main thread).
    const t0 = Date.now();
    await page.evaluate<number>("new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))");
    console.log(`main thread during a what-if solve: an animation frame within ${Date.now() - t0} ms`);
    // Cancel ends the worker at once (even inside a solve) and starts a fresh one.
    await page.getByTestId("whatif-cancel").click();
    await page.locator("[data-testid=whatif-status][data-state=idle]").waitFor({ timeout: WAIT_MS });
    // The fresh worker has no earlier solution: the next move solves every phase from the baseline, then settles.
    await page.getByTestId("whatif-slider").fill("120");
    await page.locator("[data-testid=whatif-status][data-warm-phases]").waitFor({ timeout: WAIT_MS });
    expect(await page.getByTestId("whatif-status").getAttribute("data-warm-phases")).toMatch(/^liberation-day:cold:/);
    await settled(page);
    expect(page.errors).toEqual([]);
    await page.close();
  }, 600_000);
});

describe("what-if on examples/japan-sectors.yaml (gtap-2007, 7 regions × 33 sectors, Caliendo–Parro)", () => {
  it("re-solves a US tariff on Japanese motor vehicles warm and matches the server's run of the saved scenario", async () => {
    const page = await dashboard.open("/?example=japan-sectors");
    await page.getByTestId("solve-browser").click();
    await page.locator("[data-testid=whatif-start]").waitFor({ timeout: WAIT_MS });
    const text = readFileSync("examples/japan-sectors.yaml", "utf8");
    const server = runScenario(text);
    expectSameNumbers(await tableNumbers(page, "country-table"), reportNumbers(server, 1, "countries"), "Solve in browser, countries");
    await page.getByTestId("whatif-start").click();
    await settled(page);
    await page.getByTestId("whatif-importer").selectOption("USA");
    await page.getByTestId("whatif-exporter").selectOption("JPN");
    await page.getByTestId("whatif-sector").selectOption("mvh");
    const timings: { workerMs: number; roundTripMs: number }[] = [];
    for (const percent of [20, 35, 50, 75]) {
      await page.getByTestId("whatif-slider").fill(String(percent));
      timings.push(await warmTiming(page));
      await settled(page);
    }
    console.log(`what-if warm re-solve, gtap-2007 sector model (in Chromium's worker): ${timings.map((t) => `${t.workerMs.toFixed(0)} ms solve, ${t.roundTripMs.toFixed(0)} ms move → map`).join("; ")}`);
    for (const t of timings) expect(t.workerMs).toBeLessThan(GENEROUS_WARM_MS);
    const browser = await tableNumbers(page, "country-table");
    await page.getByTestId("whatif-save").click();
    await page.locator('[data-testid=origin]:has-text("Stored run")').waitFor({ timeout: WAIT_MS });
    const id = new URL(page.url()).searchParams.get("result")!;
    const stored = (await (await fetch(`${dashboard.url}/api/results/${id}`)).json()) as { scenarioText: string; report: RunReport };
    expect(stored.scenarioText).toContain('{ type: tariff, importer: USA, exporter: JPN, sectors: [mvh], set: "75%" }');
    expectSameNumbers(browser, reportNumbers(stored.report, 1, "countries"), "what-if vs stored run");
    expect(page.errors).toEqual([]);
    await page.close();
  }, 600_000);
});
