import { useEffect, useId, useMemo, useState } from "react";
import type { DatasetInfo, RunReport } from "../api.js";
import { applyEdits, phaseInstruments, type PartnerTariff, type WhatIfEdits } from "./scenarioEdits.js";
import type { SolverState } from "./useSolver.js";

interface Props {
  /** The scenario the what-if starts from (its instruments are read from it). */
  baseText: string;
  report: RunReport;
  phaseIndex: number;
  dataset: DatasetInfo;
  solver: SolverState;
  /** Solve this variant warm (the latest call wins). */
  onVariant: (text: string) => void;
  tariffInForce: (phase: string, importer: string, exporter: string, sector: string | undefined) => Promise<number | undefined>;
  onSave: (text: string) => void;
  onCancel: () => void;
  onClose: () => void;
}

const MAX_PERCENT = 200;

/**
 * The what-if panel: a slider for the tariff one country puts on a partner (one sector or all), and one
 * for each numeric instrument of the phase's shocks. Every move re-solves the scenario in the browser
 * (the worker, warm from the previous solution; then exactly, as the server would); "Save as scenario"
 * turns the sliders into the scenario text and a stored run.
 */
export function WhatIfPanel({ baseText, report, phaseIndex, dataset, solver, onVariant, tariffInForce, onSave, onCancel, onClose }: Props) {
  const id = useId();
  const phase = report.phases[Math.min(phaseIndex, report.phases.length - 1)];
  const instruments = useMemo(() => phaseInstruments(baseText, phaseIndex), [baseText, phaseIndex]);
  const named = phase.summary.map((r) => r.code).filter((c) => dataset.countries.some((d) => d.code === c));
  const [importer, setImporter] = useState(dataset.countries.some((c) => c.code === "USA") ? "USA" : (named[0] ?? dataset.countries[0].code));
  const [exporter, setExporter] = useState(named.find((c) => c !== importer) ?? dataset.countries.find((c) => c.code !== importer)!.code);
  const [sector, setSector] = useState<string | undefined>(undefined);
  const [partnerPercent, setPartnerPercent] = useState<number | undefined>(undefined);
  const [moved, setMoved] = useState(false);
  const [values, setValues] = useState(new Map<string, number>());

  // The tariff in force for the chosen pair, read from the worker's compiled phase (before any move).
  useEffect(() => {
    if (moved) return;
    let live = true;
    void tariffInForce(phase.name, importer, exporter, sector).then((rate) => live && setPartnerPercent(rate === undefined ? undefined : Number((100 * rate).toFixed(2))));
    return () => {
      live = false;
    };
  }, [phase.name, importer, exporter, sector, moved, tariffInForce, solver.result]);

  const edits = (instrumentValues: Map<string, number>, partner: PartnerTariff | undefined): WhatIfEdits => ({ phase: phaseIndex, instruments: instrumentValues, partner });
  const partnerNow = (percent: number | undefined): PartnerTariff | undefined => (percent === undefined ? undefined : { importer, exporter, sector, percent });
  const variantText = applyEdits(baseText, edits(values, moved ? partnerNow(partnerPercent) : undefined));

  const movePartner = (percent: number) => {
    setMoved(true);
    setPartnerPercent(percent);
    onVariant(applyEdits(baseText, edits(values, partnerNow(percent))));
  };
  const moveInstrument = (key: string, value: number) => {
    const next = new Map(values).set(key, value);
    setValues(next);
    onVariant(applyEdits(baseText, edits(next, moved ? partnerNow(partnerPercent) : undefined)));
  };
  const reset = () => {
    setMoved(false);
    setValues(new Map());
    onVariant(baseText);
  };
  const result = solver.result;
  const warm = solver.lastWarm;
  const solvedIn = (r: typeof result) => (r?.timings ?? []).filter((t) => t.start !== "unchanged");
  const msOf = (r: typeof result) => solvedIn(r).reduce((a, t) => a + t.ms, 0);
  const describe = (r: NonNullable<typeof result>) => solvedIn(r).map((t) => `${t.phase} ${t.start} ${t.ms.toFixed(0)} ms`).join(", ") || "no phase changed";
  const options = (selected: string, exclude?: string) =>
    dataset.countries
      .filter((c) => c.code !== exclude)
      .map((c) => (
        <option key={c.code} value={c.code}>
          {c.code === c.name ? c.code : `${c.code} ${c.name}`}
        </option>
      ));

  return (
    <section className="whatif" aria-label="What-if" data-testid="whatif">
      <header>
        <h3>What if… (phase {phase.name})</h3>
        <button type="button" onClick={onClose}>
          Close what-if
        </button>
      </header>
      <div className="whatif-row">
        <label>
          importer{" "}
          <select value={importer} onChange={(e) => (setImporter(e.target.value), setMoved(false))} data-testid="whatif-importer">
            {options(importer)}
          </select>
        </label>
        <label>
          tariff on{" "}
          <select value={exporter} onChange={(e) => (setExporter(e.target.value), setMoved(false))} data-testid="whatif-exporter">
            {options(exporter, importer)}
          </select>
        </label>
        {dataset.sectors.length > 1 && (
          <label>
            sector{" "}
            <select value={sector ?? ""} onChange={(e) => (setSector(e.target.value || undefined), setMoved(false))} data-testid="whatif-sector">
              <option value="">all sectors</option>
              {dataset.sectors.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.code} {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="whatif-row slider">
        <label htmlFor={`${id}-partner`}>
          {importer}'s tariff on {exporter}
          {sector ? ` (${sector})` : ""} (%)
        </label>
        <input
          id={`${id}-partner`}
          type="range"
          min={0}
          max={MAX_PERCENT}
          step={0.5}
          value={partnerPercent ?? 0}
          disabled={partnerPercent === undefined}
          onChange={(e) => movePartner(Number(e.target.value))}
          data-testid="whatif-slider"
        />
        <input type="number" min={0} max={1000} step="any" aria-label={`${importer}'s tariff on ${exporter} in percent`} value={partnerPercent ?? ""} onChange={(e) => e.target.value !== "" && movePartner(Number(e.target.value))} data-testid="whatif-value" />
      </div>
      {instruments.length > 0 && (
        <details className="instruments" open={instruments.length <= 4}>
          <summary>The phase's own instruments ({instruments.length})</summary>
          {instruments.map((ins) => {
            const key = `${ins.shock}.${ins.field}`;
            const value = values.get(key) ?? ins.value;
            const [min, max, step] = ins.unit === "%" ? [0, Math.max(MAX_PERCENT, ins.value), 0.5] : [1, Math.max(3, ins.value), 0.01];
            return (
              <div className="whatif-row slider" key={key}>
                <label htmlFor={`${id}-${key}`}>
                  {ins.label} ({ins.unit})
                </label>
                <input id={`${id}-${key}`} type="range" min={min} max={max} step={step} value={value} onChange={(e) => moveInstrument(key, Number(e.target.value))} data-testid={`instrument-${key}`} />
                <output htmlFor={`${id}-${key}`}>{value}</output>
              </div>
            );
          })}
        </details>
      )}
      <p
        className="whatif-status"
        role="status"
        data-testid="whatif-status"
        data-state={solver.status}
        data-exact={result ? String(result.exact) : undefined}
        data-text-matches={result ? String(result.text === variantText) : undefined}
        data-warm-ms={warm ? msOf(warm).toFixed(1) : undefined}
        data-warm-roundtrip-ms={warm ? warm.roundTripMs.toFixed(1) : undefined}
        data-warm-phases={warm ? solvedIn(warm).map((t) => `${t.phase}:${t.start}:${t.iterations}`).join(",") : undefined}
        data-exact-ms={result?.exact ? msOf(result).toFixed(1) : undefined}
      >
        {solver.status === "loading" && "Loading the dataset into the browser… "}
        {warm && `Warm re-solve: ${describe(warm)} (${warm.roundTripMs.toFixed(0)} ms from the move to the map). `}
        {solver.status === "solving" && (result && !result.exact ? "Settling to the exact solution… " : "Solving in the browser… ")}
        {solver.status === "idle" && result?.exact && `Shown exactly as the server solves it${warm ? ` (${describe(result)})` : ""}.`}
        {solver.error && <span className="error"> {solver.error.message}</span>}
      </p>
      <div className="whatif-row">
        <button type="button" onClick={() => onSave(variantText)} data-testid="whatif-save" disabled={variantText === baseText}>
          Save as scenario
        </button>
        <button type="button" onClick={reset}>
          Reset
        </button>
        <button type="button" onClick={onCancel} data-testid="whatif-cancel" title="Stop the solve at once (the solver restarts; its next solve starts from the baseline)">
          Cancel solve
        </button>
      </div>
    </section>
  );
}
