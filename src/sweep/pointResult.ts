import { TradewindsInputError } from "../messages.js";
import { newRunContext } from "../models/types.js";
import { phaseContext, type PreparedScenario } from "../pipeline.js";
import { solvePhase, type BaselineCache } from "../pipelineSteps.js";
import type { QuantityDefinition, QuantityKey } from "../report/registry.js";
import type { PhaseReport } from "../report/types.js";
import type { NormalizedScenario, PhaseInForce } from "../scenario/normalize.js";
import { InvalidDrawError } from "../uncertainty/drawParams.js";

/** One reported number of a phase: report row (country, group or WORLD), registry key, value. */
export type Cell = [row: string, key: string, value: number];

/** The numbers a sweep keeps of one solved phase, with the solver's verdict. */
export interface PhaseCells {
  phase: string;
  converged: boolean;
  iterations: number;
  residual: number;
  /** The table keys of the report's rows (scenario countries, groups, WORLD), then the headline key of every other country. */
  cells: Cell[];
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

/** The cells of a phase report: summary rows × `tableKeys`, then the headline key (`tableKeys[0]`) of every country not among them. */
export function phaseCells(report: PhaseReport, tableKeys: QuantityKey[]): PhaseCells {
  const cells: Cell[] = [];
  const seen = new Set<string>();
  for (const row of report.summary) {
    seen.add(row.code);
    for (const key of tableKeys) if (row.values[key] !== undefined) cells.push([row.code, key, row.values[key]]);
  }
  const headline = tableKeys[0];
  if (headline !== undefined) for (const row of report.countries) if (!seen.has(row.code) && row.values[headline] !== undefined) cells.push([row.code, headline, row.values[headline]]);
  return { phase: report.name, converged: report.converged, iterations: report.solver.iterations, residual: report.solver.residual, cells };
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
