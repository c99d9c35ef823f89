import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";

/**
 * A headless Chromium for the dashboard tests, brought by `npm ci`: the npm package @sparticuz/chromium
 * ships a brotli-packed headless Chromium for Linux x64 inside the package (nothing is downloaded at run
 * time: `executablePath()` without a URL only unpacks the package's own bin/ files). It is unpacked once
 * into node_modules/.cache (out of git, and not the shared /tmp, where another checkout's unpacking could
 * race), via a staging folder renamed into place, so an interrupted unpacking is never taken for a
 * finished one. Where that package does not run (macOS, arm64, a Linux without the libraries it needs), a
 * system Chrome/Chromium is used: TRADEWINDS_CHROMIUM, else the usual install paths; with none, the error
 * says what to install.
 */
const CACHE = resolve("node_modules/.cache/tradewinds-chromium");
const COMPLETE = join(CACHE, ".complete");

const SYSTEM_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

/** The path of the packaged Chromium, unpacked on first use; undefined where the package does not apply. */
async function packagedChromium(): Promise<string | undefined> {
  if (process.platform !== "linux" || process.arch !== "x64") return undefined;
  if (existsSync(COMPLETE)) return join(CACHE, "chromium");
  const pack = (await import("@sparticuz/chromium")).default;
  mkdirSync(join(CACHE, ".."), { recursive: true });
  const staging = mkdtempSync(`${CACHE}-staging-`);
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = staging; // the package unpacks into os.tmpdir()
  try {
    const unpacked = await pack.executablePath();
    if (resolve(unpacked) !== join(staging, "chromium")) throw new Error(`@sparticuz/chromium unpacked to ${unpacked}, not into ${staging}`);
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
  writeFileSync(join(staging, ".complete"), "unpacked from @sparticuz/chromium\n");
  rmSync(CACHE, { recursive: true, force: true });
  renameSync(staging, CACHE);
  return join(CACHE, "chromium");
}

/** Launches headless Chromium with `args`: the packaged one, else a system one; says what to install when neither runs. */
export async function launchHeadlessChromium(args: string[]): Promise<{ browser: Browser; executablePath: string }> {
  const tried: string[] = [];
  const candidates: (() => Promise<string | undefined>)[] = [
    packagedChromium,
    async () => process.env.TRADEWINDS_CHROMIUM,
    ...SYSTEM_CANDIDATES.map((path) => async () => (existsSync(path) ? path : undefined)),
  ];
  for (const candidate of candidates) {
    let executablePath: string | undefined;
    try {
      executablePath = await candidate();
      if (!executablePath) continue;
      return { browser: await chromium.launch({ executablePath, args }), executablePath };
    } catch (err) {
      tried.push(`${executablePath ?? "@sparticuz/chromium"}: ${(err as Error).message.split("\n")[0]}`);
    }
  }
  throw new Error(
    `no headless Chromium could be started (${process.platform}/${process.arch}). @sparticuz/chromium, installed by npm ci, runs on Linux x64; ` +
      `elsewhere install Google Chrome or Chromium (macOS: brew install --cask chromium; Debian/Ubuntu: apt-get install chromium) ` +
      `or set TRADEWINDS_CHROMIUM to its executable.` +
      (tried.length ? ` Tried: ${tried.join("; ")}` : ""),
  );
}
