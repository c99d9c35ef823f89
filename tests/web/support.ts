import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import { buildServer, type TradewindsServer } from "../../src/server/app.js";
import { launchHeadlessChromium } from "../support/browser.js";

/**
 * The dashboard in a real browser for the tests under tests/web: the built dashboard (built when older
 * than web/ or src/), the real server on a loopback port with the embedded datasets, headless Chromium
 * (support/browser.ts: @sparticuz/chromium, else a system one) driven by playwright-core. Pages record script errors and Content-Security-Policy violations (`errors`).
 */
export const ARTIFACTS = "test-artifacts";
const WEB = "dist/web";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Generous waits: the machine has 2 cores shared with other work; a wait ends when its condition holds. */
export const WAIT_MS = 120_000;

export type TestPage = Page & { errors: string[] };

export interface Dashboard {
  url: string;
  app: TradewindsServer;
  browser: Browser;
  open(path: string, viewport?: { width: number; height: number }): Promise<TestPage>;
  close(): Promise<void>;
}

let building: Promise<void> | undefined;
/** Builds the dashboard when dist/web is missing or older than a file under web/. */
export function ensureDashboardBuilt(): Promise<void> {
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  const index = join(WEB, "index.html");
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(newest("web"), newest("src"))) return Promise.resolve();
  building ??= build({ configFile: "web/vite.config.ts", logLevel: "warn" }).then(() => undefined);
  return building;
}

export async function startDashboard(): Promise<Dashboard> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await ensureDashboardBuilt();
  const app = await buildServer({ dataDir: mkdtempSync(join(tmpdir(), "tradewinds-web-")), webDir: WEB });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  const { browser } = await launchHeadlessChromium(ARGS);
  return {
    url,
    app,
    browser,
    async open(path, viewport = { width: 1500, height: 1100 }) {
      const page = (await browser.newPage({ viewport })) as TestPage;
      page.setDefaultTimeout(WAIT_MS);
      page.errors = [];
      page.on("pageerror", (e) => page.errors.push(e.message));
      // The server's Content-Security-Policy (server/security.ts) must not block anything the dashboard does.
      page.on("console", (m) => {
        if (m.type() === "error" && /Content Security Policy/i.test(m.text())) page.errors.push(m.text());
      });
      await page.goto(`${url}${path}`);
      return page;
    },
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/** The scenario text in the CodeMirror editor (every line is rendered for the example scenarios' sizes). */
export async function editorText(page: Page): Promise<string> {
  await page.locator(".cm-content").waitFor();
  return page.evaluate<string>(`[...document.querySelectorAll(".cm-content .cm-line")].map((line) => line.textContent).join("\\n")`);
}

/** Replaces the editor's text (select all, insert), as a person pasting would. */
export async function setEditorText(page: Page, text: string): Promise<void> {
  await page.locator(".cm-content").fill(text);
}

/** Every number of a results table (data-value of each cell), by "row/key". */
export async function tableNumbers(page: Page, testId: string): Promise<Map<string, number>> {
  const cells = await page.evaluate<[string, string][]>(
    `[...document.querySelectorAll("[data-testid=${testId}] td[data-value]")].map((td) => [td.closest("tr").dataset.code + "/" + td.dataset.key, td.dataset.value])`,
  );
  return new Map(cells.map(([k, v]) => [k, Number(v)]));
}

/** Runs axe-core (evaluated in the page: not subject to its CSP) and returns the serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page, axeSource: string): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  await page.evaluate(axeSource);
  return page.evaluate(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  })()`);
}
