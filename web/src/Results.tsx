import { useMemo, useState } from "react";
import { api, type QuantityKey, type StoredResult } from "./api.js";
import { GainsLosses, Timeline } from "./Charts.js";
import { definitionText, formatValue } from "./format.js";
import { ResultTable } from "./ResultTable.js";
import { WorldMap } from "./WorldMap.js";

/** One stored run: phase and measure pickers, map, gains and losses, tables, timeline, sectors, downloads. */
export function Results({ stored }: { stored: Extract<StoredResult, { kind: "run" }> }) {
  const { report } = stored;
  const [phaseIndex, setPhaseIndex] = useState(report.phases.length - 1);
  const [measure, setMeasure] = useState(report.tableKeys.includes("welfareChangePct") ? "welfareChangePct" : report.tableKeys[0]);
  const phase = report.phases[Math.min(phaseIndex, report.phases.length - 1)];
  const def = report.definitions[measure];
  const values = useMemo(() => new Map(phase.countries.map((r) => [r.code, r.values[measure]])), [phase, measure]);
  const barRows = useMemo(() => phase.countries.map((r) => ({ code: r.code, name: r.name, value: r.values[measure] })), [phase, measure]);
  const [sectorCountry, setSectorCountry] = useState(phase.summary[0]?.code ?? phase.countries[0].code);
  const sectorRows = phase.sectors?.filter((r) => r.country === sectorCountry) ?? [];
  const sectorKeys = Object.keys(sectorRows[0]?.values ?? {});

  return (
    <section className="results" data-testid="results">
      <header className="results-head">
        <h2>
          {report.scenario.name} <small>— {report.model.type} on {report.dataset.name}</small>
        </h2>
        <nav className="downloads">
          <a href={api.downloadUrl(stored.id, "csv")} download data-testid="download-csv">
            Download CSV
          </a>
          <a href={api.downloadUrl(stored.id, "json")} download data-testid="download-json">
            Download JSON
          </a>
        </nav>
      </header>
      <div className="controls">
        <div className="phases" role="tablist">
          {report.phases.map((p, k) => (
            <button key={p.name} role="tab" aria-selected={k === phaseIndex} className={k === phaseIndex ? "on" : ""} onClick={() => setPhaseIndex(k)} title={p.description}>
              {p.date ? `${p.date} ` : ""}
              {p.name}
              {p.converged ? "" : " ⚠"}
            </button>
          ))}
        </div>
        <label>
          measure{" "}
          <select value={measure} onChange={(e) => setMeasure(e.target.value as QuantityKey)} data-testid="measure">
            {report.tableKeys.map((key) => (
              <option key={key} value={key} title={definitionText(report.definitions[key])}>
                {report.definitions[key].label} ({report.definitions[key].unit})
              </option>
            ))}
          </select>
        </label>
      </div>
      {phase.description && <p className="phase-description">{phase.description}</p>}
      {!phase.converged && <p className="error">The solver did not converge in this phase: {phase.solver.warnings.join("; ")}</p>}
      <div className="grid">
        <WorldMap values={values} def={def} />
        <div>
          <h3 title={definitionText(def)}>Largest gains and losses</h3>
          <GainsLosses rows={barRows} def={def} />
        </div>
      </div>
      <h3>Summary</h3>
      <ResultTable rows={phase.summary} keys={report.tableKeys} definitions={report.definitions} testId="summary-table" first="Row" />
      {report.phases.length > 1 && (
        <>
          <h3 title={definitionText(def)}>Timeline: {def?.label}</h3>
          <Timeline report={report} measure={measure} />
        </>
      )}
      {phase.bilateral.length > 0 && (
        <>
          <h3>Bilateral flows ({report.dataset.units}, factory-gate value)</h3>
          <table className="bilateral">
            <thead>
              <tr>
                <th>exporter → importer</th>
                <th>baseline</th>
                <th>counterfactual</th>
                <th>change (%)</th>
              </tr>
            </thead>
            <tbody>
              {phase.bilateral.map((b) => (
                <tr key={`${b.exporter}-${b.importer}-${b.sector}`}>
                  <th scope="row">
                    {b.exporter} → {b.importer}
                    {b.sector !== "ALL" ? ` (${b.sector})` : ""}
                  </th>
                  <td>{Math.round(b.baseline).toLocaleString("en")}</td>
                  <td>{Math.round(b.counterfactual).toLocaleString("en")}</td>
                  <td title="100·(X′ ⁄ X − 1), factory-gate (tariff-exclusive) flow">{b.changePct.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {phase.sectors && (
        <>
          <h3>
            Sectors of{" "}
            <select value={sectorCountry} onChange={(e) => setSectorCountry(e.target.value)}>
              {phase.countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} {c.name}
                </option>
              ))}
            </select>
          </h3>
          <ResultTable rows={sectorRows.map((r) => ({ code: r.sector, name: r.sectorName, values: r.values }))} keys={sectorKeys} definitions={report.definitions} testId="sector-table" first="Sector" />
        </>
      )}
      <h3>All countries</h3>
      <ResultTable rows={phase.countries} keys={report.tableKeys} definitions={report.definitions} testId="country-table" />
      {Object.keys(phase.scalars).length > 0 && (
        <p className="scalars">
          {Object.entries(phase.scalars).map(([k, v]) => (
            <span key={k} title={definitionText(report.definitions[k])}>
              {report.definitions[k]?.label ?? k}: {formatValue(v, report.definitions[k])}{" "}
            </span>
          ))}
        </p>
      )}
      {report.warnings.length > 0 && (
        <ul className="warnings">
          {report.warnings.map((w, k) => (
            <li key={k}>{w}</li>
          ))}
        </ul>
      )}
      <p className="attribution">{report.dataset.attribution}</p>
    </section>
  );
}
