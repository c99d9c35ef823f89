/**
 * The dashboard's in-browser what-if (issue 14), measured in headless Chromium: for a run of slider
 * moves, the warm re-solve in the worker (from the previous solution), the time from the move to the
 * updated map, and the exact solve of the same variant from the baseline that settles it (the baseline
 * of the ratio). Goals: warm re-solve under 100 ms for the 194-country Liberation Day model, under
 * 300 ms for a sector model of gtap-2007's size. Figures are printed, never asserted.
 *
 *   npx tsx bench/dashboard-whatif.ts        (also run by `npm run bench`)
 */
import { median } from "./timing.js";
import { startDashboard, type TestPage } from "../tests/web/support.js";

const MOVES = Number(process.env.BENCH_MOVES ?? 12);

interface Case {
  example: string;
  label: string;
  importer: string;
  exporter: string;
  sector?: string;
  percents: number[];
}

const cases: Case[] = [
  { example: "liberation-day-case-1", label: "Liberation Day, 194 countries (world-2023), US tariff on Japan", importer: "USA", exporter: "JPN", percents: spread(20, 80) },
  { example: "japan-sectors", label: "Caliendo–Parro, gtap-2007 (7 × 33), US tariff on Japanese motor vehicles", importer: "USA", exporter: "JPN", sector: "mvh", percents: spread(10, 70) },
];

function spread(from: number, to: number): number[] {
  return Array.from({ length: MOVES }, (_, k) => from + ((to - from) * k) / Math.max(1, MOVES - 1));
}

async function measure(page: TestPage, c: Case): Promise<void> {
  await page.getByTestId("solve-browser").click();
  await page.getByTestId("whatif-start").click();
  const status = page.getByTestId("whatif-status");
  const settled = page.locator("[data-testid=whatif-status][data-state=idle][data-exact=true][data-text-matches=true]");
  await settled.waitFor();
  await page.getByTestId("whatif-importer").selectOption(c.importer);
  await page.getByTestId("whatif-exporter").selectOption(c.exporter);
  if (c.sector) await page.getByTestId("whatif-sector").selectOption(c.sector);
  const warm: number[] = [];
  const roundTrip: number[] = [];
  const cold: number[] = [];
  for (const percent of c.percents) {
    await page.getByTestId("whatif-slider").fill(String(Math.round(percent * 2) / 2));
    await settled.waitFor();
    warm.push(Number(await status.getAttribute("data-warm-ms")));
    roundTrip.push(Number(await status.getAttribute("data-warm-roundtrip-ms")));
    cold.push(Number(await status.getAttribute("data-exact-ms")));
  }
  const m = (xs: number[]) => median(xs.slice(1)); // the first move also warms the JIT
  console.log(`${c.label}: ${c.percents.length} slider moves`);
  console.log(`  warm re-solve in the worker: median ${m(warm).toFixed(1)} ms (all: ${warm.map((t) => t.toFixed(0)).join(", ")})`);
  console.log(`  slider move → map updated:   median ${m(roundTrip).toFixed(1)} ms`);
  console.log(`  exact solve from the baseline of the same variants (baseline): median ${m(cold).toFixed(1)} ms; ratio baseline / warm ${(m(cold) / m(warm)).toFixed(1)}×`);
}

const dashboard = await startDashboard();
try {
  for (const c of cases) {
    const page = await dashboard.open(`/?example=${c.example}`);
    await measure(page, c);
    if (page.errors.length) console.log(`  page errors: ${page.errors.join("; ")}`);
    await page.close();
  }
} finally {
  await dashboard.close();
}
