import type { RunReport } from "./api.js";
import { definitionText, formatValue } from "./format.js";
import { ResultTable } from "./ResultTable.js";

type Phase = RunReport["phases"][number];

/**
 * A phase's deal view (issue 11): its results relative to the phase it is compared with (`compareWith`) and its
 * instruments — binding status, wedge, target and flows, rent. Numbers and their definitions come from the run
 * report as the CLI prints them.
 */
export function DealResults({ report, phase }: { report: RunReport; phase: Phase }) {
  const comparison = phase.comparison;
  const instruments = phase.instruments ?? [];
  const def = (key: string) => report.definitions[key];
  const cell = (values: Record<string, number>, key: string) => (Object.hasOwn(values, key) ? formatValue(values[key], def(key)) : "");
  return (
    <>
      {comparison && (
        <>
          <h3 data-testid="comparison-heading">Relative to phase {comparison.phase}</h3>
          {comparison.converged ? (
            <ResultTable rows={comparison.summary} keys={report.tableKeys.filter((k) => k !== "instrumentWelfareEffectPct")} definitions={report.definitions} testId="comparison-table" caption={`Relative to phase ${comparison.phase}: changes as ratios of the two phases (additive effects as differences)`} />
          ) : (
            <p className="error">A compared phase did not converge: no comparison.</p>
          )}
        </>
      )}
      {instruments.length > 0 && (
        <>
          <h3>Deal instruments</h3>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Deal instruments">
            <table data-testid="instruments-table">
              <thead>
                <tr>
                  <th>instrument</th>
                  <th>status</th>
                  {["instrumentWedgeRate", "instrumentTarget", "instrumentBaselineFlow", "instrumentFlowWithout", "instrumentFlow", "instrumentRent", "pledgeValue", "pledgeHostProductivity"].map((key) => (
                    <th key={key} title={definitionText(def(key))}>
                      {def(key)?.label ?? key}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {instruments.map((i, k) => (
                  <tr key={k} title={i.modelling}>
                    <th scope="row">
                      {i.label} <span className="name">{i.kind}</span>
                    </th>
                    <td>{i.status}</td>
                    {["instrumentWedgeRate", "instrumentTarget", "instrumentBaselineFlow", "instrumentFlowWithout", "instrumentFlow", "instrumentRent", "pledgeValue", "pledgeHostProductivity"].map((key) => (
                      <td key={key}>{cell(i.values, key)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
