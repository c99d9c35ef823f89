import type { BlocReport } from "./api.js";
import { api } from "./api.js";
import { toneOf } from "./colors.js";
import { definitionText, formatValue } from "./format.js";

/**
 * A bloc-formation analysis: the payoff and stability table (every membership set), dominant
 * choices and the focus candidate's join-or-stay-out comparison. Numbers hover their definitions.
 */
export function BlocResults({ id, report }: { id: string; report: BlocReport }) {
  const payoff = report.definitions[report.payoffKey];
  const codes = report.bloc.candidates.map((c) => c.code);
  const stable = new Set(report.stableSets);
  const cell = (v: number, key = report.payoffKey) => (
    <td title={definitionText(report.definitions[key])} className={`tone-${toneOf(v, report.definitions[key])}`} data-value={v}>
      {formatValue(v, report.definitions[key])}
    </td>
  );
  return (
    <section className="results" data-testid="bloc-results">
      <header className="results-head">
        <h2>
          {report.scenario.name} <small>— bloc analysis, {report.model.type} on {report.dataset.name}</small>
        </h2>
        <nav className="downloads">
          <a href={api.downloadUrl(id, "json")} download>
            Download JSON
          </a>
        </nav>
      </header>
      <p className="phase-description">
        Leader {report.bloc.leader}, target {report.bloc.target}, bloc rate {(report.bloc.rate * 100).toFixed(0)}%, base phase {report.bloc.basePhase}. Rules: {report.bloc.rules.join("; ")}.
      </p>
      <h3>Dominant choices</h3>
      <p>
        {report.dominant.map((d) => (
          <span key={d.candidate} className="chip">
            {d.candidate}: {d.choice}{" "}
          </span>
        ))}
      </p>
      <h3 title={definitionText(payoff)}>
        Payoffs and stability ({report.sets.length} membership sets; {report.stableSets.length} stable)
      </h3>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Bloc table">
        <table data-testid="bloc-table">
          <thead>
            <tr>
              <th>members</th>
              {codes.map((c) => (
                <th key={c} title={definitionText(payoff)}>
                  {c}
                </th>
              ))}
              <th title={definitionText(payoff)}>{report.bloc.leader} (leader)</th>
              <th title={definitionText(payoff)}>{report.bloc.target} (target)</th>
              <th title={definitionText(payoff)}>world</th>
              <th title="No member gains by leaving (internal) and no outsider gains by joining (external)">stable</th>
              <th>would leave</th>
              <th>would join</th>
            </tr>
          </thead>
          <tbody>
            {report.sets.map((s) => (
              <tr key={s.mask} className={stable.has(s.mask) ? "stable" : ""}>
                <th scope="row">{s.members.length ? s.members.join(", ") : "(none)"}</th>
                {codes.map((c) => (
                  <td key={c} title={definitionText(payoff)} className={`${s.members.includes(c) ? "member" : ""} tone-${toneOf(s.payoffs[c], payoff)}`}>
                    {formatValue(s.payoffs[c], payoff)}
                  </td>
                ))}
                {cell(s.leader)}
                {cell(s.target)}
                {cell(s.world)}
                <td>{s.stable ? "stable" : `${s.internallyStable ? "" : "not internally"}${!s.internallyStable && !s.externallyStable ? ", " : ""}${s.externallyStable ? "" : "not externally"}`}{s.converged ? "" : " ⚠"}</td>
                <td>{s.wouldLeave.join(", ")}</td>
                <td>{s.wouldJoin.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.focus && (
        <>
          <h3>{report.focus.candidate}: join or stay out, for each configuration of the others</h3>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Bloc table">
            <table data-testid="bloc-focus">
              <thead>
                <tr>
                  <th>other members</th>
                  <th title={definitionText(report.definitions.blocWelfareJoiningPct)}>joining</th>
                  <th title={definitionText(report.definitions.blocWelfareOutsidePct)}>staying out</th>
                  <th title={definitionText(report.definitions.blocGainFromJoiningPp)}>gain from joining</th>
                </tr>
              </thead>
              <tbody>
                {report.focus.rows.map((r) => (
                  <tr key={r.others.join(",")}>
                    <th scope="row">{r.others.length ? r.others.join(", ") : "(none)"}</th>
                    {cell(r.joining, "blocWelfareJoiningPct")}
                    {cell(r.stayingOut, "blocWelfareOutsidePct")}
                    {cell(r.gain, "blocGainFromJoiningPp")}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {report.warnings.length > 0 && (
        <ul className="warnings">
          {report.warnings.map((w, k) => (
            <li key={k}>{w}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
