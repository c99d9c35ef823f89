import { useEffect, useMemo, useState, type ReactNode } from "react";
import type { DatasetInfo, QuantityDefinition, QuantityKey, RunReport } from "./api.js";
import { GainsLosses, SectorChart, Timeline } from "./Charts.js";
import { DealResults } from "./DealResults.js";
import { definitionText, formatValue } from "./format.js";
import { ResultTable } from "./ResultTable.js";
import { useWidth } from "./useWidth.js";
import { WorldMap } from "./WorldMap.js";

/** The bilateral table's change column (not a registry quantity: the CLI prints it the same way). */
const BILATERAL_CHANGE: QuantityDefinition = { key: "bilateralChangePct", label: "Bilateral flow", unit: "%", formula: "100·(X′ ⁄ X − 1), factory-gate flow", sign: "positive = the flow grows", level: "country", aggregate: "none", better: "neither" };

interface Props {
  report: RunReport;
  dataset: DatasetInfo | undefined;
  /** Where the numbers come from, said in the header (stored run, in-browser solve, what-if). */
  origin: ReactNode;
  /** Marked when the result no longer matches the scenario in the editor. */
  stale: boolean;
  phaseIndex: number;
  onPhase: (index: number) => void;
  /** The what-if panel, shown under the phase picker. */
  whatIf?: ReactNode;
  downloads?: ReactNode;
}

/** One run's results: phase and measure pickers, map, gains and losses, tables, timeline, sectors. */
export function Results({ report, dataset, origin, stale, phaseIndex, onPhase, whatIf, downloads }: Props) {
  const [measure, setMeasure] = useState(report.tableKeys.includes("welfareChangePct") ? "welfareChangePct" : report.tableKeys[0]);
  useEffect(() => {
    if (!report.tableKeys.includes(measure)) setMeasure(report.tableKeys[0]);
  }, [report, measure]);
  const phase = report.phases[Math.min(phaseIndex, report.phases.length - 1)];
  const def = report.definitions[measure];
  // A phase that did not converge has a last iterate, not a result: no colours, no numbers in the tables (as the CLI's "—").
  const solved = phase.status !== "not-converged";
  const values = useMemo(() => new Map(solved ? [...phase.countries, ...phase.summary].map((r) => [r.code, r.values[measure]]) : []), [phase, measure, solved]);
  const barRows = useMemo(
    () => phase.countries.map((r) => ({ code: r.code, name: r.name, value: r.values[measure], lower: r.bands?.[measure]?.lower, upper: r.bands?.[measure]?.upper })),
    [phase, measure],
  );
  const u = report.uncertainty;
  const named = useMemo(() => [...new Set([...phase.summary.filter((r) => r.code !== "WORLD").map((r) => r.code), ...phase.bilateral.flatMap((b) => [b.exporter, b.importer])])], [phase]);
  const countryCodes = useMemo(() => new Set(phase.countries.map((c) => c.code)), [phase]);
  const namedCountries = useMemo(() => named.filter((c) => countryCodes.has(c)), [named, countryCodes]);
  const datasetCodes = useMemo(() => phase.countries.map((c) => c.code), [phase]);
  const focusDefault = namedCountries[0] ?? phase.countries[0]?.code;
  const [focus, setFocus] = useState(focusDefault);
  const sectorCountry = countryCodes.has(focus) ? focus : focusDefault;
  const sectorRows = (phase.sectors ?? []).filter((r) => r.country === sectorCountry).map((r) => ({ code: r.sector, name: r.sectorName, values: r.values }));
  const sectorKeys = report.sectorTableKeys.length ? report.sectorTableKeys : Object.keys(sectorRows[0]?.values ?? {});
  const [wide, width] = useWidth(1100);

  return (
    <section className="results" data-testid="results" aria-label="Results">
      <header className="results-head">
        <h2>
          {report.scenario.name} <small>— {report.model.type} on {report.dataset.name}</small>
        </h2>
        {downloads}
      </header>
      <p className="origin" data-testid="origin">
        {origin}
      </p>
      {stale && (
        <p className="stale" role="status" data-testid="stale">
          Stale: the scenario in the editor has changed since these results were computed. Press Run (or Solve in browser) to update them.
        </p>
      )}
      <div className="controls">
        <div className="phases" role="tablist" aria-label="Phases">
          {report.phases.map((p, k) => (
            <button key={p.name} type="button" role="tab" aria-selected={k === phaseIndex} className={k === phaseIndex ? "on" : ""} onClick={() => onPhase(k)} title={p.description}>
              <span className="phase-name">{p.name}</span>
              {p.date && <span className="phase-date">{p.date}</span>}
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
      {u && (
        <p className="uncertainty" data-testid="uncertainty">
          Bands: {100 * u.band.lower}–{100 * u.band.upper}% over {u.converged} of {u.draws} draws (seed {u.seed}; quantiles {u.quantileMethod.split(":")[0]})
          {u.notConverged.length > 0 && `; ${u.notConverged.length} did not converge`}
          {u.failed.length > 0 && `; ${u.failed.length} failed`}.
        </p>
      )}
      {phase.description && <p className="phase-description">{phase.description}</p>}
      {!solved && (
        <p className="error" role="alert" data-testid="not-converged">
          Not converged: {phase.statusNote ?? phase.solver.warnings.join("; ")}
        </p>
      )}
      {whatIf}
      <div className={wide ? "grid" : "stack"}>
        <WorldMap values={values} def={def} named={named} datasetCodes={datasetCodes} year={report.dataset.year} />
        <div>
          <h3 title={definitionText(def)}>Largest gains and losses: {def?.label}</h3>
          <GainsLosses rows={solved ? barRows : []} def={def} named={namedCountries} width={wide ? 420 : Math.min(width, 560)} />
        </div>
      </div>
      <h3>Summary</h3>
      <ResultTable rows={phase.summary} keys={report.tableKeys} definitions={report.definitions} solved={solved} testId="summary-table" caption="Summary: the countries and groups the scenario names, and the world" />
      <DealResults report={report} phase={phase} />
      {report.phases.length > 1 && (
        <>
          <h3 title={definitionText(def)}>Timeline: {def?.label}</h3>
          <Timeline report={report} measure={measure} width={Math.min(width, 640)} />
        </>
      )}
      {solved && phase.sectors && sectorRows.length > 0 && (
        <>
          <h3>
            <label>
              Sectors of{" "}
              <select value={sectorCountry} onChange={(e) => setFocus(e.target.value)} data-testid="sector-country">
                {phase.countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} {c.name}
                  </option>
                ))}
              </select>
            </label>
          </h3>
          <SectorChart rows={sectorRows} keys={sectorKeys} definitions={report.definitions} width={Math.min(width, 760)} />
          <ResultTable rows={sectorRows} keys={sectorKeys} definitions={report.definitions} solved={solved} testId="sector-table" first="Sector" caption={`Sectors of ${sectorCountry}`} />
        </>
      )}
      {solved && phase.bilateral.length > 0 && (
        <>
          <h3>Bilateral flows ({report.dataset.units}, factory-gate value)</h3>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Bilateral flows">
            <table className="bilateral" data-testid="bilateral-table">
              <thead>
                <tr>
                  <th scope="col">exporter → importer</th>
                  <th scope="col">baseline</th>
                  <th scope="col">counterfactual</th>
                  <th scope="col">change (%)</th>
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
                    <td title="100·(X′ ⁄ X − 1), factory-gate (tariff-exclusive) flow">{formatValue(b.changePct, BILATERAL_CHANGE)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h3>All countries</h3>
      <ResultTable rows={phase.countries} keys={report.tableKeys} definitions={report.definitions} solved={solved} testId="country-table" defaultSort={measure} caption="Every country of the dataset" />
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
      <p className="attribution">{dataset?.title ? `${dataset.title}. ` : ""}{report.dataset.attribution}</p>
    </section>
  );
}
