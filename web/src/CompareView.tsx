import { useEffect, useState } from "react";
import { api, ApiError, type ReportComparison, type ResultSummary } from "./api.js";
import { definitionText, formatValue } from "./format.js";

/** Two stored runs side by side: pick run A and run B, a phase and a measure; b − a per country. */
export function CompareView({ current }: { current?: string }) {
  const [results, setResults] = useState<ResultSummary[]>([]);
  const [a, setA] = useState<string>("");
  const [b, setB] = useState<string>(current ?? "");
  const [comparison, setComparison] = useState<ReportComparison>();
  const [error, setError] = useState<string>();
  const [phase, setPhase] = useState(0);
  const [key, setKey] = useState<string>("");
  useEffect(() => {
    void api.results().then(setResults);
  }, [current]);
  useEffect(() => {
    if (!a || !b) return;
    api
      .compare(a, b)
      .then(({ comparison }) => {
        setComparison(comparison);
        setError(undefined);
        setPhase((p) => Math.min(p, comparison.phases.length - 1));
        setKey((k) => (comparison.keys.includes(k) ? k : comparison.keys[0] ?? ""));
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [a, b]);
  const label = (r: ResultSummary) => `${r.scenarioName} — ${r.model} on ${r.dataset} — ${r.createdAt.slice(0, 19).replace("T", " ")} (${r.id.slice(0, 8)})`;
  const pick = (value: string, set: (v: string) => void, name: string) => (
    <label>
      {name}{" "}
      <select value={value} onChange={(e) => set(e.target.value)} data-testid={`compare-${name}`}>
        <option value="">—</option>
        {results.filter((r) => r.kind !== "bloc").map((r) => (
          <option key={r.id} value={r.id}>
            {label(r)}
          </option>
        ))}
      </select>
    </label>
  );
  const def = comparison?.definitions[key];
  const rows = comparison?.phases[phase]?.rows ?? [];
  return (
    <section className="compare">
      <h2>Compare two runs</h2>
      <div className="controls">
        {pick(a, setA, "A")}
        {pick(b, setB, "B")}
      </div>
      {error && <p className="error">{error}</p>}
      {comparison && (
        <>
          <div className="controls">
            <label>
              phase{" "}
              <select value={phase} onChange={(e) => setPhase(Number(e.target.value))}>
                {comparison.phases.map((p, k) => (
                  <option key={k} value={k}>
                    {p.a ?? "—"} ↔ {p.b ?? "—"}
                  </option>
                ))}
              </select>
            </label>
            <label>
              measure{" "}
              <select value={key} onChange={(e) => setKey(e.target.value)}>
                {comparison.keys.map((k) => (
                  <option key={k} value={k}>
                    {comparison.definitions[k].label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="table-wrap">
            <table data-testid="compare-table">
              <thead>
                <tr>
                  <th>Country</th>
                  <th title={definitionText(def)}>A: {comparison.a.scenario}</th>
                  <th title={definitionText(def)}>B: {comparison.b.scenario}</th>
                  <th title={definitionText(def)}>B − A</th>
                </tr>
              </thead>
              <tbody>
                {[...rows]
                  .sort((x, y) => Math.abs(y.values[key]?.difference ?? 0) - Math.abs(x.values[key]?.difference ?? 0))
                  .map((row) => (
                    <tr key={row.code}>
                      <th scope="row">
                        {row.code} <span className="name">{row.name}</span>
                      </th>
                      {(["a", "b", "difference"] as const).map((side) => (
                        <td key={side} title={definitionText(def)}>
                          {formatValue(row.values[key]?.[side], def && side === "difference" ? { ...def, unit: def.unit === "%" ? "pp" : def.unit } : def)}
                        </td>
                      ))}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
