import { TradewindsInputError } from "../messages.js";
import { newRunContext } from "../models/types.js";
import { phaseContext, type PreparedScenario } from "../pipeline.js";
import { solvePhase, type BaselineCache } from "../pipelineSteps.js";
import type { QuantityDefinition, QuantityKey } from "../report/registry.js";
import type { PhaseReport } from "../report/types.js";
import type { NormalizedScenario, PhaseInForce } from "../scenario/normalize.js";
import { InvalidDrawError } from "../uncertainty/drawParams.js";

/**
 * Which number each value of a phase is: value c is report row `rows[c]` (country, group or WORLD), registry key
 * `keys[c]`. The phases of a sweep's points mostly share one layout per phase; a thread hands out the same object
 * for the same layout (so a chunk's message carries it once), and a store numbers its cells once per object.
 * Read only.
 */
export interface CellLayout {
  rows: readonly string[];
  keys: readonly string[];
}

/** The numbers a sweep keeps of one solved phase, with the solver's verdict. */
export interface PhaseCells {
  phase: string;
  converged: boolean;
  iterations: number;
  residual: number;
  /** The table keys of the report's rows (scenario countries, groups, WORLD), then the headline key of every other country. */
  layout: CellLayout;
  /** values[c] is the number of cell c of the layout. */
  values: Float64Array;
}

/** One point of a sweep (a draw, a grid point, a membership set, …) solved: every recorded phase, or why it could not be. */
export interface PointResult {
  point: number;
  /** Every recorded phase converged (false too when the point failed). */
  converged: boolean;
  /** Why the point could not be solved (parameters outside the model's domain, an input error of the variant); no phases then. */
  error?: string;
  phases: PhaseCells[];
}

/** Calls `each` with every cell of a phase: report row, registry key, value. */
export function forEachCell(phase: PhaseCells, each: (row: string, key: string, value: number) => void): void {
  const { rows, keys } = phase.layout;
  for (let c = 0; c < rows.length; c++) each(rows[c], keys[c], phase.values[c]);
}

/** The cells of a phase report: summary rows × `tableKeys`, then the headline key (`tableKeys[0]`) of every country not among them. */
export function phaseCells(report: PhaseReport, tableKeys: QuantityKey[]): PhaseCells {
  const rows: string[] = [];
  const keys: string[] = [];
  const values: number[] = [];
  const seen = new Set<string>();
  for (const row of report.summary) {
    seen.add(row.code);
    for (const key of tableKeys) if (row.values[key] !== undefined) rows.push(row.code), keys.push(key), values.push(row.values[key]);
  }
  const headline = tableKeys[0];
  if (headline !== undefined) for (const row of report.countries) if (!seen.has(row.code) && row.values[headline] !== undefined) rows.push(row.code), keys.push(headline), values.push(row.values[headline]);
  return { phase: report.name, converged: report.converged, iterations: report.solver.iterations, residual: report.solver.residual, layout: sharedLayout(report.name, rows, keys), values: Float64Array.from(values) };
}

/** This thread's last layout of each phase name: handed out again while a phase's cells stay the same. */
const layoutsByPhase = new Map<string, CellLayout>();
const MAX_KEPT_LAYOUTS = 64;

function sharedLayout(phase: string, rows: string[], keys: string[]): CellLayout {
  const kept = layoutsByPhase.get(phase);
  if (kept && sameStrings(kept.rows, rows) && sameStrings(kept.keys, keys)) return kept;
  if (layoutsByPhase.size >= MAX_KEPT_LAYOUTS) layoutsByPhase.clear();
  const layout: CellLayout = { rows, keys };
  layoutsByPhase.set(phase, layout);
  return layout;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Solves the phases `build` gives (a normalized scenario variant; their parameters may be a draw's) and
 * keeps their cells. A point whose parameters or shocks the model rejects fails with the reason (never dropped);
 * any other error is a bug and propagates.
 */
export function solvePointPhases(
  point: number,
  prepared: PreparedScenario,
  build: () => { scenario: NormalizedScenario; phases: PhaseInForce[] },
  baselines: BaselineCache = new Map(),
): PointResult {
  try {
    const definitions: Record<string, QuantityDefinition> = {};
    const ctx = newRunContext();
    const { scenario, phases } = build();
    const at = phaseContext(prepared, scenario);
    // A point keeps the table keys only (phaseCells): the report builds no other rows' values, sectors or money figures.
    const keep = new Set<string>(prepared.entry.tableKeys);
    const solved = phases.map((phase) => solvePhase(at, phase, scenario.phases.findIndex((p) => p.name === phase.name), baselines, ctx, definitions, undefined, keep).report);
    const tableKeys = prepared.entry.tableKeys.filter((key) => key in definitions);
    const cells = solved.map((report) => phaseCells(report, tableKeys));
    return { point, converged: cells.every((c) => c.converged), phases: cells };
  } catch (err) {
    if (err instanceof InvalidDrawError || err instanceof TradewindsInputError) return { point, converged: false, error: err.message, phases: [] };
    throw err;
  }
}
