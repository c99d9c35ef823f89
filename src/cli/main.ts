import { Command, CommanderError } from "commander";
import { dirname, join, resolve } from "node:path";
import { TradewindsInputError, formatIssue, message } from "../messages.js";
import type { OutputFormat } from "../report/format.js";
import { DEFAULT_MAX_BLOC_SETS } from "../scenario/limits.js";
import { SIGMA_SETS } from "../strategy/sigmaSets.js";
import { readInputFile } from "../util/inputFile.js";
import { VERSION } from "../version.js";
import { checkDataDir, checkOutputPath, parsePort, writeOutput } from "./paths.js";
import { sectorOptionWarnings } from "./sectorOptions.js";
import { startProgress } from "./progress.js";
import { runHelpText } from "./runHelp.js";
import { tableOptionsFor } from "./terminal.js";
import { registerImportCommands } from "./commands/importCommand.js";
import { registerInitCommand } from "./commands/initCommand.js";

// Each command imports what it needs when it runs (`await import`): the server, DuckDB, Fastify, the
// estimator and the models load only in the commands that use them, so `tradewinds --version` (and a
// mistyped command) starts in about the time Node itself takes (bench/processes.ts measures it).

/** The models `tradewinds tariff-war` runs. */
const TARIFF_WAR_MODELS = ["lashkaripour", "ossa"] as const;

/** The most worker threads a command may start. */
const MAX_THREADS = 256;
/** Bounds of --uncertainty, --seed and --draw (src/uncertainty/spec.ts MAX_DRAWS, src/random/drawStream.ts; restated so that the CLI loads neither before a command runs). */
const MAX_DRAWS = 100_000;
const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** An optional integer option in [min, max], or bad input naming the flag. */
function optionalInteger(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new TradewindsInputError([{ source: "command line", path: flag, value: JSON.stringify(text), message: message.integerOption(min, max) }]);
  }
  return n;
}

/** Exit codes: 0 ok, 1 internal error, 2 bad input, 3 a solver did not converge (results still printed). */
export const EXIT = { ok: 0, internal: 1, input: 2, notConverged: 3 } as const;

/**
 * A reader that stops early (`tradewinds run … | head`) closes the pipe: the rest of the output has nowhere
 * to go, which is no error — end quietly with exit 0, as Unix filters expect, instead of an EPIPE stack
 * trace. Installed by bin/tradewinds.js on the process's own streams (never in-process callers').
 */
export function endQuietlyWhenOutputCloses(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(EXIT.ok);
      throw err;
    });
  }
}

/** The `tradewinds` command line: a thin shell over the library (parse, call, print). */
export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command()
    .name("tradewinds")
    .description("Trade-policy scenarios solved by general-equilibrium trade models on real data.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command("run")
    .description("Run a scenario file and print the results")
    .argument("<scenario>", "a scenario file (YAML or JSON)")
    .option("-f, --format <format>", "table, json or csv", "table")
    .option("-o, --out <file>", "write the output to a file instead of standard output")
    .option("--sectors", "show sector tables (multi-sector models)")
    .option("--country <code>", "the country whose sector table is shown")
    .option("--uncertainty <draws>", "solve this many draws of the scenario's uncertainty section and show 5–95% bands (0: none)")
    .option("--seed <seed>", "seed of the draws (default: the section's, else 1)")
    .option("--draw <k>", "solve draw k of the uncertainty section alone (its parameters), without bands")
    .option("-t, --threads <n>", "worker threads solving the draws (results do not depend on it)", "2")
    .option("--no-progress", "no progress bar")
    .option("--wide", "tables: every column, however wide (default: the columns that fit the terminal, or 100 columns)")
    .addHelpText("after", runHelpText)
    .action(async (file: string, opts: { format: string; out?: string; sectors?: boolean; country?: string; uncertainty?: string; seed?: string; draw?: string; threads: string; progress: boolean; wide?: boolean }) => {
      if (!["table", "json", "csv"].includes(opts.format)) {
        throw new TradewindsInputError([{ source: "command line", path: "--format", value: JSON.stringify(opts.format), message: "choose table, json or csv" }]);
      }
      const draws = optionalInteger("--uncertainty", opts.uncertainty, 0, MAX_DRAWS);
      const seed = optionalInteger("--seed", opts.seed, 0, MAX_SEED);
      const draw = optionalInteger("--draw", opts.draw, 0, MAX_SEED);
      const threads = optionalInteger("--threads", opts.threads, 1, MAX_THREADS)!;
      if (draw !== undefined && draws !== undefined) throw new TradewindsInputError([{ source: "command line", path: "--draw", value: JSON.stringify(opts.draw), message: message.drawWithUncertainty() }]);
      if (opts.out) checkOutputPath(opts.out);
      const scenarioText = readInputFile(file, { what: "scenario file" });
      const [{ runScenarioAsync }, { formatReport }, { validateScenarioText }] = await Promise.all([import("../run.js"), import("../report/format.js"), import("../scenario/validate.js")]);
      const files = { baseDir: dirname(resolve(file)) };
      const sectionDraws = draws ?? (draw === undefined ? validateScenarioText(scenarioText, file).uncertainty?.draws : undefined) ?? 0;
      if (seed !== undefined && sectionDraws === 0 && draw === undefined) throw new TradewindsInputError([{ source: "command line", path: "--seed", value: JSON.stringify(opts.seed), message: message.seedWithoutDraws() }]);
      let report: Awaited<ReturnType<typeof runScenarioAsync>>;
      if (sectionDraws > 0) {
        const [{ runScenarioWithDraws }, { progressBar }] = await Promise.all([import("../uncertainty/runWithDraws.js"), import("./progressBar.js")]);
        const bar = await progressBar("solving draws", "draws", opts.progress);
        report = await runScenarioWithDraws(file, scenarioText, { draws: sectionDraws, seed, threads, files, onProgress: (done, total) => bar?.update(done, total) });
        bar?.stop();
      } else {
        report = await runScenarioAsync(scenarioText, { source: file, files, draws: 0, draw, seed });
      }
      for (const w of sectorOptionWarnings(report, opts)) process.stderr.write(`tradewinds: warning: ${w}\n`);
      // Tables end with the warnings and JSON carries them; a CSV has no place for them, so they go to stderr.
      if (opts.format === "csv") for (const w of [...report.warnings, ...report.phases.flatMap((p) => p.solver.warnings)]) process.stderr.write(`tradewinds: warning: ${w}\n`);
      const text = formatReport(report, opts.format as OutputFormat, { sectors: opts.sectors, country: opts.country, ...tableOptionsFor(opts.out ? undefined : process.stdout, opts.wide) });
      if (opts.out) writeOutput(opts.out, text);
      else process.stdout.write(text);
      const failed = report.phases.filter((p) => !p.converged);
      if (failed.length) {
        process.stderr.write(`tradewinds: ${failed.length} phase(s) did not converge: ${failed.map((p) => p.name).join(", ")}\n`);
        code = EXIT.notConverged;
      }
      const u = report.uncertainty;
      if (u && (u.notConverged.length || u.failed.length)) {
        process.stderr.write(`tradewinds: ${message.drawsLeftOut(u.notConverged.length, u.failed.length, u.draws)}\n`);
        code = EXIT.notConverged;
      }
    });

  program
    .command("sweep")
    .description("Solve every point of a sweep file (parameter draws, grids of shock values, scenarios, bloc memberships) and store the results in DuckDB")
    .argument("<sweep>", "a sweep file (YAML or JSON; see examples/sweeps/)")
    .option("-t, --threads <n>", "worker threads of this machine (results do not depend on it)", "2")
    .option("--redis <url>", "coordinate `tradewinds worker --redis <url>` processes through Redis instead (redis://host:port)")
    .option("--resume", "continue a stored sweep: solve only the points not stored yet")
    .option("--replace", "delete the stored sweep and solve it again")
    .option("--data-dir <dir>", "where results are stored (sweeps.duckdb)", ".tradewinds")
    .option("--export <file>", "write the results to a .parquet or .csv file")
    .option("--query <sql>", "print the rows of a query on the sweep's `results` table (columns: point, one per dimension, phase, code, quantity, value, phase_converged)")
    .option("--chunk <n>", "points per job of the distributed engine (default: about points / (8 × workers), at most 25, tapering to single points at the end)")
    .option("--no-progress", "no progress bar")
    .action(async (file: string, opts: { threads: string; redis?: string; resume?: boolean; replace?: boolean; dataDir: string; export?: string; query?: string; chunk?: string; progress: boolean }) => {
      const threads = optionalInteger("--threads", opts.threads, 1, MAX_THREADS)!;
      const chunk = optionalInteger("--chunk", opts.chunk, 1, 10_000);
      if (opts.resume && opts.replace) throw new TradewindsInputError([{ source: "command line", path: "--replace", value: "", message: message.resumeOrReplace() }]);
      const exportFormat = opts.export === undefined ? undefined : /\.parquet$/i.test(opts.export) ? "parquet" : /\.csv$/i.test(opts.export) ? "csv" : null;
      if (exportFormat === null) throw new TradewindsInputError([{ source: "command line", path: "--export", value: JSON.stringify(opts.export), message: message.exportFormat() }]);
      if (opts.export) checkOutputPath(opts.export, "--export");
      checkDataDir(opts.dataDir);
      // The sweep machinery, DuckDB and (with --redis) BullMQ load here, in the command that uses them.
      const [{ readSweepFile }, { runSweep, localEngine }, { progressBar }] = await Promise.all([import("../sweep/readSweepFile.js"), import("../sweep/runSweep.js"), import("./progressBar.js")]);
      const request = readSweepFile(file);
      const engine = opts.redis
        ? (await import("../sweep/distributed/coordinator.js")).distributedEngine({ redis: opts.redis, chunk, log: (line: string) => process.stderr.write(`tradewinds: ${line}\n`) })
        : localEngine(threads);
      const bar = await progressBar("solving points", "points", opts.progress);
      const storeFile = join(opts.dataDir, "sweeps.duckdb");
      const summary = await runSweep(request, { storeFile, engine, resume: opts.resume, replace: opts.replace, onProgress: (done, total) => bar?.update(done, total) });
      bar?.stop();
      const { sweep, counts } = summary;
      process.stdout.write(
        [
          `sweep ${sweep.id} "${sweep.name}": ${sweep.totalPoints} points (${summary.solvedNow} solved now${summary.storedBefore ? `, ${summary.storedBefore} were stored` : ""}) — ${counts.converged} converged, ${counts.notConverged} not converged, ${counts.failed} failed`,
          `dimensions: ${sweep.dimensions.map((d) => `${d.name} (${d.kind}, ${d.labels.length})`).join(" × ")}`,
          `stored in ${storeFile} (sweep_id = '${sweep.id}'); ${summary.solvedNow} points in ${summary.seconds.toFixed(1)} s${summary.solvedNow ? ` (${(summary.solvedNow / summary.seconds).toFixed(2)} points/s)` : ""}`,
          "",
        ].join("\n"),
      );
      if (opts.export || opts.query) {
        const { SweepStore } = await import("../sweep/sweepStore.js");
        const store = await SweepStore.open(storeFile);
        try {
          if (opts.export) {
            await store.exportResults(sweep, opts.export, exportFormat!);
            process.stdout.write(`results written to ${opts.export}\n`);
          }
          if (opts.query) {
            const { formatRows } = await import("../report/format.js");
            process.stdout.write(formatRows(await store.query(sweep, opts.query)));
          }
        } finally {
          await store.close();
        }
      }
      if (counts.notConverged || counts.failed) {
        process.stderr.write(`tradewinds: ${message.sweepPointsLeftOut(counts.notConverged, counts.failed)}\n`);
        code = EXIT.notConverged;
      }
      if (counts.points < sweep.totalPoints) {
        process.stderr.write(`tradewinds: ${message.sweepPointsMissing(sweep.totalPoints - counts.points)}\n`);
        code = EXIT.notConverged;
      }
    });

  program
    .command("worker")
    .description("Solve sweep points for coordinators (`tradewinds sweep … --redis <url>`) through Redis, until stopped")
    .requiredOption("--redis <url>", "the Redis server, redis://host:port")
    .option("-t, --threads <n>", "worker threads solving points", "1")
    .option("--lock-seconds <s>", "how long a chunk stays locked without a heartbeat before another worker takes it over (a killed worker's chunk waits this long)", "30")
    .action(async (opts: { redis: string; threads: string; lockSeconds: string }) => {
      const threads = optionalInteger("--threads", opts.threads, 1, MAX_THREADS)!;
      const lockSeconds = optionalInteger("--lock-seconds", opts.lockSeconds, 1, 3600)!;
      const { runWorker } = await import("../sweep/distributed/worker.js");
      await runWorker({ redis: opts.redis, threads, lockMs: lockSeconds * 1000, log: (line) => process.stderr.write(`tradewinds worker: ${line}\n`) });
      // Stopped (SIGINT/SIGTERM) and cleaned up as far as Redis allowed: end the process, even if a BullMQ
      // connection is still retrying a Redis server that went away.
      process.exit(EXIT.ok);
    });

  program
    .command("estimate")
    .description("Fit a PPML gravity regression with high-dimensional fixed effects from an estimation spec file (see examples/estimate/)")
    .argument("<spec>", "an estimation spec file (YAML or JSON); its data: is a CSV path relative to it, or panel:<name>")
    .option("-f, --format <format>", "table or json", "table")
    .option("-o, --out <file>", "write the output to a file instead of standard output")
    .action(async (file: string, opts: { format: string; out?: string }) => {
      if (!["table", "json"].includes(opts.format)) {
        throw new TradewindsInputError([{ source: "command line", path: "--format", value: JSON.stringify(opts.format), message: "choose table or json" }]);
      }
      if (opts.out) checkOutputPath(opts.out);
      const [{ estimateFile }, { estimationReport, formatEstimationTable }] = await Promise.all([import("../estimation/estimationFile.js"), import("../estimation/estimationReport.js")]);
      const fitted = await estimateFile(file, { onNotConverged: "return" });
      const report = estimationReport(file, fitted.dataPath, fitted.spec, fitted.result);
      const text = opts.format === "json" ? JSON.stringify(report, null, 2) + "\n" : formatEstimationTable(report);
      if (opts.out) writeOutput(opts.out, text);
      else process.stdout.write(text);
      if (!report.converged) code = EXIT.notConverged;
    });

  program
    .command("bloc")
    .description("Bloc formation: solve every membership set of a scenario's bloc section; payoffs, stability, dominant choices")
    .argument("<scenario>", "a scenario file with a bloc section (YAML or JSON)")
    .option("-f, --format <format>", "table or json", "table")
    .option("-o, --out <file>", "write the output to a file instead of standard output")
    .option("-t, --threads <n>", "threads solving membership sets: 1, this one alone; n ≥ 2, n worker threads (results do not depend on it)", "2")
    .option("--rate <rate>", 'override the bloc rate parameter (a share, 0.3, or "30%")')
    .option("--no-progress", "no progress bar")
    .option("--max-sets <n>", `the most membership sets (2^k for k candidates) solved without --yes`, String(DEFAULT_MAX_BLOC_SETS))
    .option("--yes", "solve every membership set, however many (up to 2^20)")
    .option("--wide", "tables: every column, however wide (default: the columns that fit the terminal, or 100 columns)")
    .action(async (file: string, opts: { format: string; out?: string; threads: string; rate?: string; progress: boolean; maxSets: string; yes?: boolean; wide?: boolean }) => {
      if (!["table", "json"].includes(opts.format)) {
        throw new TradewindsInputError([{ source: "command line", path: "--format", value: JSON.stringify(opts.format), message: "choose table or json" }]);
      }
      const threads = Number(opts.threads);
      if (!Number.isInteger(threads) || threads < 1) throw new TradewindsInputError([{ source: "command line", path: "--threads", value: JSON.stringify(opts.threads), message: "must be an integer ≥ 1" }]);
      let rate: number | undefined;
      if (opts.rate !== undefined) {
        const [{ rateSchema }, { zodIssues }] = await Promise.all([import("../scenario/rate.js"), import("../scenario/validate.js")]);
        const parsed = rateSchema.safeParse(/^[\d.]+$/.test(opts.rate) ? Number(opts.rate) : opts.rate);
        if (!parsed.success) throw new TradewindsInputError(zodIssues(parsed.error.issues, opts.rate, "command line", "--rate"));
        rate = parsed.data;
      }
      const maxSets = Number(opts.maxSets);
      if (!Number.isInteger(maxSets) || maxSets < 1) throw new TradewindsInputError([{ source: "command line", path: "--max-sets", value: JSON.stringify(opts.maxSets), message: "must be an integer ≥ 1" }]);
      if (opts.out) checkOutputPath(opts.out);
      const scenarioText = readInputFile(file, { what: "scenario file" });
      const [{ runBloc }, { formatBlocReport }] = await Promise.all([import("../strategy/runBloc.js"), import("../report/formatBloc.js")]);
      const progress = await startProgress({ enabled: opts.progress });
      const report = await runBloc(
        { text: scenarioText, source: file, rate, maxSets: opts.yes ? Infinity : maxSets, files: { baseDir: dirname(resolve(file)) } },
        { threads, onProgress: (solved, total) => progress.update(solved, total, "membership sets") },
      );
      progress.finish(`bloc: ${report.sets.length} membership sets solved (${threads} thread${threads > 1 ? "s" : ""})`);
      const text = formatBlocReport(report, opts.format as "table" | "json", tableOptionsFor(opts.out ? undefined : process.stdout, opts.wide));
      if (opts.out) writeOutput(opts.out, text);
      else process.stdout.write(text);
      if (report.notConverged.length) {
        process.stderr.write(`tradewinds: ${report.notConverged.length} membership set(s) did not converge\n`);
        code = EXIT.notConverged;
      }
    });

  program
    .command("tariff-war")
    .description(
      "Tariff wars: Lashkaripour's (2021) global Nash tariff war on datasets with elasticity sets (icio-2022, wiod-2014-16), Ossa's (2014) optimal and Nash tariffs elsewhere (gtap-2007) or with --model ossa",
    )
    .argument("[dataset]", "an embedded dataset (default gtap-2007); the same as --dataset")
    .option("--dataset <name>", "an embedded dataset")
    .option("--model <model>", `${TARIFF_WAR_MODELS.join(" or ")} (default: lashkaripour on datasets with elasticity sets, else ossa)`)
    .option("--elasticities <set>", "the dataset's elasticity set, e.g. IS, U4, CP (default: the dataset's default; ossa uses σ = ε + 1)")
    .option("--country <codes>", "comma-separated countries whose optimal tariffs (each alone, others at applied tariffs) are computed (ossa default: all; lashkaripour default: none)")
    .option("--nash", "ossa: also the Nash tariffs by best-response iteration (all countries; minutes); lashkaripour always solves the Nash war")
    .option("--sigma <set>", `ossa on gtap-2007: σ set ${Object.keys(SIGMA_SETS).join(", ")} (default main)`)
    .option("--start <start>", "ossa: where each optimal-tariff search starts, inverse-elasticity (1/(σ−1), default) or mfn-optimal (Ossa's own start)")
    .option("--tariff-tolerance <share>", "ossa: stop when the last Newton step moves no tariff by more than this (default 1e-8 = 1e-6 pp when a country has at most 300 tariffs, else none); 'none' skips the Newton stage")
    .option("--gradient-tolerance <value>", "ossa: the projected welfare gradient at which the quasi-Newton stage stops (default 1e-7)")
    .option("-f, --format <format>", "table or json", "table")
    .option("-o, --out <file>", "write the output to a file instead of standard output")
    .action(async (positional: string | undefined, opts: { dataset?: string; model?: string; elasticities?: string; country?: string; nash?: boolean; sigma?: string; start?: string; tariffTolerance?: string; gradientTolerance?: string; format: string; out?: string }) => {
      if (!["table", "json"].includes(opts.format)) {
        throw new TradewindsInputError([{ source: "command line", path: "--format", value: JSON.stringify(opts.format), message: "choose table or json" }]);
      }
      if (positional !== undefined && opts.dataset !== undefined && positional !== opts.dataset) {
        throw new TradewindsInputError([{ source: "command line", path: "--dataset", value: JSON.stringify(opts.dataset), message: message.datasetGivenTwice(positional, opts.dataset) }]);
      }
      if (opts.model !== undefined && !(TARIFF_WAR_MODELS as readonly string[]).includes(opts.model)) {
        throw new TradewindsInputError([{ source: "command line", path: "--model", value: JSON.stringify(opts.model), message: message.unknownTariffWarModel(TARIFF_WAR_MODELS) }]);
      }
      const [{ loadDataset }, { runTariffWar }, { formatTariffWar }, { runLashkaripourTariffWar }, { formatLashkaripourWar }] = await Promise.all([
        import("../data/load.js"),
        import("../strategy/tariffWar.js"),
        import("../strategy/formatTariffWar.js"),
        import("../strategy/lashkaripourTariffWar.js"),
        import("../strategy/formatLashkaripourWar.js"),
      ]);
      const data = loadDataset(positional ?? opts.dataset ?? "gtap-2007", "command line");
      const model = opts.model ?? (data.elasticitySets ? "lashkaripour" : "ossa");
      const countries = opts.country?.split(",").map((c) => c.trim()).filter(Boolean);
      if (opts.out) checkOutputPath(opts.out);
      const progress = await startProgress();
      let text: string;
      let converged: boolean;
      if (model === "lashkaripour") {
        if (opts.sigma !== undefined) throw new TradewindsInputError([{ source: "command line", path: "--sigma", value: JSON.stringify(opts.sigma), message: message.tariffWarOptionNotForModel("--sigma", "lashkaripour", "choose the trade elasticities with --elasticities") }]);
        for (const [flag, value] of [["--start", opts.start], ["--tariff-tolerance", opts.tariffTolerance], ["--gradient-tolerance", opts.gradientTolerance]] as const) {
          if (value !== undefined) throw new TradewindsInputError([{ source: "command line", path: flag, value: JSON.stringify(value), message: message.tariffWarOptionNotForModel(flag, "lashkaripour", "its Nash tariffs solve the first-order conditions jointly (no search)") }]);
        }
        if (!data.elasticitySets && !data.tradeElasticities) throw new TradewindsInputError([{ source: "command line", path: "--model", value: JSON.stringify(model), message: message.tariffWarModelMismatch("lashkaripour", data.meta.name, "trade elasticities by sector (elasticitySets, e.g. icio-2022)") }]);
        const report = runLashkaripourTariffWar(data, { elasticities: opts.elasticities, countries, progress: ({ stage, done, total }) => progress.update(done, total, stage) });
        text = opts.format === "json" ? JSON.stringify(report, null, 2) + "\n" : formatLashkaripourWar(report);
        converged = report.nash.converged && report.optimal.every((r) => r.converged);
      } else {
        const report = runTariffWar(data, {
          countries,
          nash: opts.nash,
          sigma: opts.sigma,
          elasticities: opts.elasticities,
          start: opts.start as never,
          tariffTolerance: opts.tariffTolerance === "none" ? null : numberOption("--tariff-tolerance", opts.tariffTolerance),
          tolerance: numberOption("--gradient-tolerance", opts.gradientTolerance),
          progress: ({ stage, done, total }) => progress.update(done, total, stage === "optimal" ? "optimal tariffs" : "Nash tariffs"),
        });
        text = opts.format === "json" ? JSON.stringify(report, null, 2) + "\n" : formatTariffWar(report);
        converged = report.optimal.rows.every((r) => r.converged) && (!report.nash || report.nash.converged);
      }
      progress.finish(`tariff-war: ${model} model on ${data.meta.name} solved`);
      if (opts.out) writeOutput(opts.out, text);
      else process.stdout.write(text);
      if (!converged) code = EXIT.notConverged;
    });

  program
    .command("exposure")
    .description("Supply-chain exposure (value added by origin, direct and total exposure, chokepoints, TiVA): a dataset's data year, or a scenario's before and after beside the GE result")
    .argument("<target>", "an embedded dataset name (e.g. cp-1993), a dataset JSON file, or a scenario file")
    .option("--country <code>", "the country whose exposure is shown")
    .option("--supplier <code>", "the supplier country, or all (default: the country a scenario embargoes in every phase, else all foreign suppliers together)")
    .option("--sector <codes>", "comma-separated sector codes to show (e.g. basic-metals,mining)")
    .option("--top <n>", "rows in ranked tables", "10")
    .option("--wide", "tables: every column, however wide (default: the columns that fit the terminal, or 100 columns)")
    .option("-f, --format <format>", "table or json", "table")
    .option("-o, --out <file>", "write the output to a file instead of standard output")
    .action(async (target: string, opts: { country?: string; supplier?: string; sector?: string; top: string; format: string; out?: string; wide?: boolean }) => {
      if (!["table", "json"].includes(opts.format)) {
        throw new TradewindsInputError([{ source: "command line", path: "--format", value: JSON.stringify(opts.format), message: "choose table or json" }]);
      }
      const top = Number(opts.top);
      if (!Number.isInteger(top) || top < 1) throw new TradewindsInputError([{ source: "command line", path: "--top", value: JSON.stringify(opts.top), message: "must be an integer ≥ 1" }]);
      const sectors = opts.sector?.split(",").map((s) => s.trim()).filter(Boolean);
      if (opts.out) checkOutputPath(opts.out);
      const [{ exposureOf }, { formatExposureReport }] = await Promise.all([import("../exposure/exposureReport.js"), import("../exposure/format.js")]);
      const report = exposureOf(target, { country: opts.country, supplier: opts.supplier, sectors, top });
      const text = opts.format === "json" ? JSON.stringify(report, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v), 2) + "\n" : formatExposureReport(report, tableOptionsFor(opts.out ? undefined : process.stdout, opts.wide));
      if (opts.out) writeOutput(opts.out, text);
      else process.stdout.write(text);
      if (report.ge?.some((p) => !p.converged)) code = EXIT.notConverged;
    });

  registerImportCommands(program, (done) => (code = done));
  registerInitCommand(program);

  program
    .command("validate")
    .description("Check a scenario file against the schema and the dataset, without solving")
    .argument("<scenario>", "a scenario file (YAML or JSON)")
    .action(async (file: string) => {
      const text = readInputFile(file, { what: "scenario file" });
      const { validate } = await import("../validate.js");
      const result = await validate(text, { source: file, files: { baseDir: dirname(resolve(file)) } });
      for (const w of result.warnings) process.stderr.write(`tradewinds: warning: ${w}\n`);
      if (!result.valid) throw new TradewindsInputError(result.problems);
      process.stdout.write(`${file}: valid — ${result.scenario.phases.length} phase(s), model ${result.scenario.modelType}, dataset ${result.input.dataset}\n`);
    });

  program
    .command("datasets")
    .description("List the embedded datasets, or show one: its countries, groups, sectors, tariff sets and elasticity sets")
    .argument("[name]", "an embedded dataset to show in full, or a dataset file (a flows table or a JSON from `tradewinds import`)")
    .option("--json", "print as JSON")
    .action(async (name: string | undefined, opts: { json?: boolean }) => {
      const { listEmbeddedDatasets, loadDataset } = await import("../data/load.js");
      if (name !== undefined) {
        const [{ describeDataset, formatDatasetDescription }, { loadScenarioDataset }] = await Promise.all([import("../data/describeDataset.js"), import("../data/datasetFile.js")]);
        // A path is read as a scenario would name it from the current folder (the same checks and messages).
        const { dataset, warnings } = await loadScenarioDataset(name, { baseDir: process.cwd() }, "command line");
        for (const w of warnings) process.stderr.write(`tradewinds: warning: ${w}\n`);
        const description = describeDataset(dataset);
        process.stdout.write(opts.json ? JSON.stringify(description, null, 2) + "\n" : formatDatasetDescription(description));
        return;
      }
      const rows = listEmbeddedDatasets().map((name) => {
        const d = loadDataset(name);
        return {
          name,
          title: d.meta.title,
          year: d.meta.year,
          countries: d.countries.length,
          sectors: d.sectors.length,
          units: d.meta.units,
          tariffSets: Object.keys(d.tariffs),
          elasticitySets: Object.keys(d.elasticitySets ?? {}),
          groups: Object.keys(d.groups),
          covariates: Object.keys(d.covariates),
          licence: d.meta.licence,
        };
      });
      if (opts.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
        return;
      }
      for (const r of rows) {
        process.stdout.write(`${r.name}: ${r.title} (${r.year}) — ${r.countries} countries × ${r.sectors} sector(s), ${r.units}; licence: ${r.licence}\n`);
        if (r.tariffSets.length) process.stdout.write(`  tariff sets: ${r.tariffSets.join(", ")}\n`);
        if (r.elasticitySets.length) process.stdout.write(`  elasticity sets: ${r.elasticitySets.join(", ")}\n`);
        if (r.groups.length) process.stdout.write(`  groups: ${r.groups.join(", ")}\n`);
        if (r.covariates.length) process.stdout.write(`  covariates: ${r.covariates.join(", ")}\n`);
      }
    });

  program
    .command("schema")
    .description("Print the JSON Schema of scenario files")
    .action(async () => {
      const { scenarioJsonSchema } = await import("../scenario/jsonSchema.js");
      process.stdout.write(JSON.stringify(scenarioJsonSchema(), null, 2) + "\n");
    });

  program
    .command("serve")
    .description("Start the HTTP API and the dashboard on localhost")
    .option("-p, --port <port>", "port to listen on", "8080")
    .option("--data-dir <dir>", "where results and jobs are stored (DuckDB)", ".tradewinds")
    .option("--concurrency <n>", "solves running at once", "2")
    .option("--queue <n>", "solves waiting beyond those (more answer 429)", "32")
    .option("--time-limit <seconds>", "time limit of one run", "300")
    .option("--body-limit <bytes>", "largest request body", String(1024 * 1024))
    .option("--host <host>", "address to listen on; also accepted as the Host header (besides 127.0.0.1, localhost, [::1])", "127.0.0.1")
    .option("--allow-host <name>", "another host name accepted in the Host header (repeatable; e.g. behind a reverse proxy)", (name: string, all: string[]) => [...all, name], [] as string[])
    .action(async (opts: { port: string; dataDir: string; concurrency: string; queue: string; timeLimit: string; bodyLimit: string; host: string; allowHost: string[] }) => {
      const int = (flag: string, text: string, min: number): number => {
        const n = Number(text);
        if (!Number.isInteger(n) || n < min) throw new TradewindsInputError([{ source: "command line", path: flag, value: JSON.stringify(text), message: `must be an integer ≥ ${min}` }]);
        return n;
      };
      const { startServer } = await import("../server/serve.js");
      const { url } = await startServer({
        port: parsePort(opts.port),
        dataDir: (checkDataDir(opts.dataDir), opts.dataDir),
        maxConcurrentSolves: int("--concurrency", opts.concurrency, 1),
        maxQueuedSolves: int("--queue", opts.queue, 0),
        timeLimitMs: int("--time-limit", opts.timeLimit, 1) * 1000,
        bodyLimitBytes: int("--body-limit", opts.bodyLimit, 1024),
        host: opts.host,
        allowedHosts: opts.allowHost,
      });
      process.stderr.write(`tradewinds: dashboard and API at ${url} (OpenAPI: ${url}/openapi.json); results in ${opts.dataDir}\n`);
      await new Promise<never>(() => undefined);
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.input;
    // The reader of our output went away (`| head`): nothing to report (bin/tradewinds.js handles the asynchronous case).
    if ((err as NodeJS.ErrnoException).code === "EPIPE") return EXIT.ok;
    if (err instanceof TradewindsInputError) {
      process.stderr.write(`tradewinds: invalid input\n${err.issues.map((i) => "  " + formatIssue(i)).join("\n")}\n`);
      return EXIT.input;
    }
    process.stderr.write(`tradewinds: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.internal;
  }
  return code;
}

/** A numeric option's value (undefined when absent); text that is not a finite number is bad input. */
function numberOption(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === "" || !Number.isFinite(x)) throw new TradewindsInputError([{ source: "command line", path: flag, value: JSON.stringify(value), message: message.notANumber("a number, e.g. 1e-8") }]);
  return x;
}
