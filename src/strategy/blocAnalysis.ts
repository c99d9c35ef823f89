import { definitionOf, type QuantityDefinition } from "../report/registry.js";
import type { BlocReport, BlocSetRow } from "../report/blocReport.js";
import { VERSION } from "../run.js";
import type { BlocMeasure } from "./blocSpec.js";
import { BLOC_PAYOFF_KEY, type MembershipSolve, type PreparedBloc } from "./blocSolve.js";
import { DEFAULT_INDIFFERENCE, dominantChoice, membersOf, membershipComparisons, setStability } from "./stability.js";

/**
 * The payoff table, stability of every set, stable sets, dominant choices and the focus candidate's
 * comparison (spec scenarios-and-strategy.md §3), from the solves of all 2^k membership sets.
 * `solves` may come in any order; each mask must appear once.
 */
export function analyzeBloc(prepared: PreparedBloc, solves: MembershipSolve[], indifference = DEFAULT_INDIFFERENCE): BlocReport {
  const { bloc, data, scenario, entry, input } = prepared;
  const k = bloc.candidates.length;
  const sets = 1 << k;
  const byMask: MembershipSolve[] = new Array(sets);
  for (const s of solves) byMask[s.mask] = s;
  const payoff = new Float64Array(sets * k);
  for (let mask = 0; mask < sets; mask++) {
    const s = byMask[mask];
    if (!s) throw new Error(`internal: membership set ${mask} was not solved`);
    for (let c = 0; c < k; c++) payoff[mask * k + c] = s.candidates[c];
  }
  const codes = bloc.candidates.map((c) => c.code);
  const names = (mask: number) => membersOf(mask, k).map((c) => codes[c]);
  const stability = setStability(payoff, k, indifference);
  const rows: BlocSetRow[] = stability.map((st) => {
    const s = byMask[st.mask];
    return {
      mask: st.mask,
      members: names(st.mask),
      payoffs: Object.fromEntries(codes.map((code, c) => [code, s.candidates[c]])),
      leader: s.leader,
      target: s.target,
      world: s.world,
      internallyStable: st.internallyStable,
      externallyStable: st.externallyStable,
      stable: st.stable,
      wouldLeave: st.wouldLeave.map((c) => codes[c]),
      wouldJoin: st.wouldJoin.map((c) => codes[c]),
      converged: s.converged,
      iterations: s.iterations,
      residual: s.residual,
    };
  });
  const definitions: Record<string, QuantityDefinition> = {};
  const payoffKey = input.bloc?.payoff ?? BLOC_PAYOFF_KEY;
  for (const key of [payoffKey, "blocWelfareJoiningPct", "blocWelfareOutsidePct", "blocGainFromJoiningPp"]) definitions[key] = definitionOf(key);
  const country = (n: number) => data.countries[n].code;
  const focus =
    bloc.focus === undefined
      ? undefined
      : {
          candidate: codes[bloc.focus],
          rows: membershipComparisons(payoff, k, bloc.focus).map((r) => ({ others: names(r.others), joining: r.joining, stayingOut: r.stayingOut, gain: r.joining - r.stayingOut })),
        };
  const warnings = [...new Set([...prepared.scenario.warnings, ...solves.flatMap((s) => s.warnings)])];
  return {
    tradewinds: VERSION,
    scenario: { name: scenario.name, description: scenario.description, source: prepared.source },
    dataset: { name: data.meta.name, title: data.meta.title, year: data.meta.year },
    model: { type: scenario.modelType, description: entry.description },
    bloc: {
      leader: country(bloc.leader),
      target: country(bloc.target),
      candidates: bloc.candidates.map((c) => ({ code: c.code, members: c.members.map(country) })),
      focus: focus?.candidate,
      basePhase: prepared.basePhase.name,
      rate: bloc.rate,
      rules: describeRules(prepared, input.bloc?.basePhase),
    },
    payoffKey,
    indifference,
    sets: rows,
    stableSets: rows.filter((r) => r.stable).map((r) => r.mask),
    dominant: codes.map((code, c) => ({ candidate: code, choice: dominantChoice(payoff, k, c, indifference) })),
    focus,
    notConverged: rows.filter((r) => !r.converged).map((r) => r.mask),
    definitions,
    warnings,
  };
}

function describeMeasure(m: BlocMeasure, data: PreparedBloc["data"]): string {
  const sectors = (list: number[]) => (list.length === data.sectors.length ? "" : ` on ${list.map((s) => data.sectors[s].code).join(", ")}`);
  switch (m.kind) {
    case "tariff":
      return `tariff ${(100 * m.rate).toFixed(1)}%${sectors(m.sectors)}`;
    case "embargo":
      return `embargo${sectors(m.sectors)}`;
    case "schedule":
      return `schedule ${m.schedule}${m.floor !== undefined ? ` (floor ${(100 * m.floor).toFixed(1)}%)` : ""}`;
  }
}

function describeRules(prepared: PreparedBloc, basePhase: string | undefined): string[] {
  const { bloc, data } = prepared;
  const leader = data.countries[bloc.leader].code;
  const target = data.countries[bloc.target].code;
  const out = [`base: phase ${basePhase ?? prepared.basePhase.name} of the scenario`];
  if (bloc.leaderOnNonMembers) out.push(`${leader} on candidates that stay out: ${describeMeasure(bloc.leaderOnNonMembers, data)}`);
  if (bloc.leaderOnMembers) out.push(`${leader} on members: ${describeMeasure(bloc.leaderOnMembers, data)}`);
  out.push(`members on ${target}: ${describeMeasure(bloc.membersOnTarget, data)}`);
  if (bloc.targetOnMembers) out.push(`${target} on members: ${describeMeasure(bloc.targetOnMembers, data)}`);
  return out;
}
