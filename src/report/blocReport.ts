import type { QuantityDefinition } from "./registry.js";

/**
 * The result of a bloc-formation analysis (spec scenarios-and-strategy.md §3), as printed by
 * `tradewinds bloc` and served as JSON (`--format json`) to the dashboard. Payoffs are the registry
 * quantity `payoffKey` (welfare change, %); definitions of every key used ship in `definitions`.
 */
export interface BlocReport {
  tradewinds: string;
  scenario: { name: string; description?: string; source: string };
  dataset: { name: string; title: string; year: number };
  model: { type: string; description: string };
  bloc: {
    leader: string;
    target: string;
    /** Candidates in bit order: bit c of a mask is candidates[c]. */
    candidates: { code: string; members: string[] }[];
    focus?: string;
    basePhase: string;
    /** The members' rate parameter (share). */
    rate: number;
    /** The rules in words, in the order they are applied on top of the base phase. */
    rules: string[];
  };
  payoffKey: string;
  /** A deviation gains only above this many payoff units (pp of welfare). */
  indifference: number;
  /** Every membership set, indexed by mask. */
  sets: BlocSetRow[];
  /** Masks of the sets that are internally and externally stable (the membership game's Nash equilibria). */
  stableSets: number[];
  /** Each candidate's dominant choice, where it has one. */
  dominant: { candidate: string; choice: "join" | "stay-out" | "indifferent" | "none" }[];
  /** The focus candidate's welfare joining vs staying out, for every configuration of the others. */
  focus?: { candidate: string; rows: BlocFocusRow[] };
  /** Masks whose solve did not converge (their payoffs are unreliable). */
  notConverged: number[];
  definitions: Record<string, QuantityDefinition>;
  warnings: string[];
}

export interface BlocSetRow {
  mask: number;
  members: string[];
  /** Payoff of each candidate (by code), of the leader, the target and the world (weighted mean). */
  payoffs: Record<string, number>;
  leader: number;
  target: number;
  world: number;
  internallyStable: boolean;
  externallyStable: boolean;
  stable: boolean;
  wouldLeave: string[];
  wouldJoin: string[];
  converged: boolean;
  iterations: number;
  residual: number;
}

export interface BlocFocusRow {
  /** The other candidates that are members. */
  others: string[];
  /** blocWelfareJoiningPct */
  joining: number;
  /** blocWelfareOutsidePct */
  stayingOut: number;
  /** blocGainFromJoiningPp = joining − stayingOut */
  gain: number;
}
