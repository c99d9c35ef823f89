import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { message } from "../src/messages.js";
import { formatNumber } from "../src/report/format.js";
import type { BlocReport } from "../src/report/blocReport.js";
import type { RunReport } from "../src/report/types.js";
import { buildServer, type TradewindsServer } from "../src/server/app.js";
import { runBloc } from "../src/strategy/runBloc.js";
import { launchHeadlessChromium } from "./support/browser.js";
import { editorText, seriousAccessibilityViolations, setEditorText } from "./web/support.js";

/**
 * The dashboard in a real browser (headless Chromium from the npm package @sparticuz/chromium, or a system
 * Chrome/Chromium where that package does not run — support/browser.ts — driven by playwright-core; loopback only):
 * run examples/japan-2025.yaml, see the map and the table, check Japan's figure against the CLI's
 * JSON for the same file, then break the scenario and see the error name the field.
 * Screenshots go to test-artifacts/.
 */
const EXAMPLE = "examples/japan-2025.yaml";
const ARTIFACTS = "test-artifacts";
const WEB = "dist/web";

let browser: Browser;
let app: TradewindsServer;
let url: string;

/** Builds the dashboard when dist/web is missing or older than a file under web/. */
async function ensureDashboardBuilt(): Promise<void> {
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  const index = join(WEB, "index.html");
  if (existsSync(index) && statSync(index).mtimeMs >= newest("web")) return;
  await build({ configFile: "web/vite.config.ts", logLevel: "warn" });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await ensureDashboardBuilt();
  app = await buildServer({ dataDir: mkdtempSync(join(tmpdir(), "tradewinds-browser-")), webDir: WEB });
  url = await app.listen({ port: 0, host: "127.0.0.1" });
  ({ browser } = await launchHeadlessChromium([
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ]));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** What `tradewinds run examples/japan-2025.yaml -f json` writes. */
async function cliReport(): Promise<RunReport> {
  const out = join(mkdtempSync(join(tmpdir(), "tradewinds-cli-")), "japan.json");
  expect(await main(["node", "tradewinds", "run", EXAMPLE, "-f", "json", "-o", out])).toBe(0);
  return JSON.parse(readFileSync(out, "utf8")) as RunReport;
}

async function openPage(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // The server's Content-Security-Policy (server/security.ts) must not block anything the dashboard does.
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  await page.goto(`${url}${path}`);
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

const japanCell = (page: Page) => page.locator('[data-testid=country-table] tr[data-code=JPN] td[data-key=welfareChangePct]');

describe("the dashboard on examples/japan-2025.yaml", () => {
  let resultUrl = "";

  it("runs the example and shows the map, the table and Japan's welfare change equal to the CLI's", async () => {
    const cli = await cliReport();
    const lastPhase = cli.phases[cli.phases.length - 1];
    const cliJapan = lastPhase.countries.find((c) => c.code === "JPN")!.values.welfareChangePct;
    const def = cli.definitions.welfareChangePct;

    const page = await openPage("/?example=japan-2025");
    await expect.poll(() => page.getByTestId("example").inputValue()).toBe("japan-2025");
    await page.getByTestId("run").click();
    await japanCell(page).waitFor({ timeout: 90_000 });

    // The map: Japan's shape is coloured by its value and its hover names the measure.
    const japanShape = page.locator('[data-testid=world-map] path[data-code=JPN]');
    expect(await japanShape.count()).toBeGreaterThan(0);
    expect(await japanShape.first().getAttribute("fill")).not.toBe("#ddd");
    expect(await japanShape.first().locator("title").textContent()).toContain(def.label);
    expect(await page.locator('[data-testid=gains-losses] svg').count()).toBeGreaterThan(0);

    // The table: the last phase (us-japan-deal) is shown; the exact number, its CLI formatting, its definition on hover.
    await expect.poll(() => page.locator('.phases button[aria-selected="true"]').textContent()).toContain(lastPhase.name);
    expect(Number(await japanCell(page).getAttribute("data-value"))).toBe(cliJapan);
    expect((await japanCell(page).textContent())?.trim()).toBe(formatNumber(cliJapan, def));
    expect(await japanCell(page).getAttribute("title")).toContain(def.formula);

    await page.evaluate("window.scrollTo(0, 0)");
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-japan-2025.png") });
    resultUrl = page.url();
    expect(resultUrl).toMatch(/[?&]result=[0-9a-f-]{36}/);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  });

  it("reopens the same run from its URL and compares it with itself", async () => {
    const page = await openPage(resultUrl.slice(url.length));
    await japanCell(page).waitFor({ timeout: 30_000 });
    const cli = await cliReport();
    const cliJapan = cli.phases[cli.phases.length - 1].countries.find((c) => c.code === "JPN")!.values.welfareChangePct;
    expect(Number(await japanCell(page).getAttribute("data-value"))).toBe(cliJapan);
    expect(await editorText(page)).toBe(readFileSync(EXAMPLE, "utf8"));
    // Compare the run with itself: every difference is zero.
    const id = new URL(resultUrl).searchParams.get("result")!;
    await page.getByTestId("compare-A").selectOption(id);
    await page.getByTestId("compare-B").selectOption(id);
    const japanRow = page.locator("[data-testid=compare-table] tbody tr[data-code=JPN]");
    await japanRow.waitFor({ timeout: 30_000 });
    // Zero is no loss: "0.00 pp", not "-0.00", and not coloured.
    expect((await japanRow.locator("td[data-key=difference]").textContent())?.trim()).toBe("0.00 pp");
    expect(await japanRow.locator("td[data-key=difference]").getAttribute("class")).toBe("tone-zero");
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  });

  it("a broken scenario (a tariff of 15 where 15% is meant) shows the error naming the field", async () => {
    const page = await openPage("/?example=japan-2025");
    await expect.poll(() => editorText(page)).toContain('set: "15%"');
    const text = await editorText(page);
    const broken = text.replace('exporter: JPN, set: "15%"', "exporter: JPN, set: 15");
    expect(broken).not.toBe(text);
    await setEditorText(page, broken);
    const lastPhase = (text.match(/^ {2}- name:/gm) ?? []).length - 1;
    const issue = page.locator(`[data-testid=issues] li[data-path="phases[${lastPhase}].shocks[0].set"]`);
    await issue.waitFor({ timeout: 30_000 });
    expect(await issue.textContent()).toContain(message.rateLooksLikePercent(15));
    // The editor's gutter marks the line of the field.
    const line = broken.split("\n").findIndex((l) => l.includes("exporter: JPN, set: 15")) + 1;
    expect(await issue.locator(".line").textContent()).toBe(`line ${line}`);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-error.png") });
    await page.close();
  });
});

describe("a bloc analysis through the API and the dashboard", () => {
  it("runs as a job whose stored report equals runBloc's on the same text, and shows the payoff and stability table", async () => {
    // examples/bloc-japan.yaml cut to two candidates: 2^2 = 4 membership sets.
    const full = readFileSync("examples/bloc-japan.yaml", "utf8");
    const text = full.replace(/candidates: \[[^\]]*\]/, "candidates: [JPN, KOR]");
    expect(text).not.toBe(full);
    const submitted = await fetch(`${url}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: text }) });
    expect(submitted.status).toBe(202);
    let job = ((await submitted.json()) as { job: { id: string; kind: string; status: string; resultId: string } }).job;
    expect(job.kind).toBe("bloc");
    for (let poll = 0; poll < 600 && (job.status === "queued" || job.status === "running"); poll++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await (await fetch(`${url}/api/jobs/${job.id}`)).json()) as typeof job;
    }
    expect(job.status).toBe("succeeded");
    const stored = (await (await fetch(`${url}/api/results/${job.resultId}`)).json()) as { kind: string; report: BlocReport };
    expect(stored.kind).toBe("bloc");
    const direct = await runBloc({ text, source: "scenario" }, { threads: 0 });
    expect(stored.report.sets).toEqual(direct.sets);
    expect(stored.report.stableSets).toEqual(direct.stableSets);

    const page = await openPage(`/?result=${job.resultId}`);
    const rows = page.locator("[data-testid=bloc-table] tbody tr");
    await rows.first().waitFor({ timeout: 30_000 });
    expect(await rows.count()).toBe(4);
    expect(await page.locator("[data-testid=bloc-table] tbody tr.stable").count()).toBe(direct.stableSets.length);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-bloc.png") });
    // axe-core on the bloc view: no serious or critical violation.
    expect(await seriousAccessibilityViolations(page, readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"))).toEqual([]);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  });
});
