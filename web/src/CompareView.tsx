import { useEffect, useState } from "react";
import { api, ApiError, type QuantityDefinition, type ReportComparison, type ResultSummary } from "./api.js";
import { toneOf } from "./colors.js";
import { definitionText, formatValue } from "./format.js";

/** A number with its unit in the cell ("−0.42 %", "+1.20 pp"); a difference of % is in pp. */
function withUnit(value: number | null | undefined, def: QuantityDefinition | undefined): string {
  if (value === null || value === undefined) return "—";
  const text = formatValue(value, def);
  return def && def.unit !== "rate" ? `${text} ${def.unit}` : text;
}

/** Two stored runs side by side: pick run A and run B; phases paired by name; a measure; b − a per country. */
export function CompareView({ current }: { current?: string }) {
  const [results, setResults] = useState<ResultSummary[]>([]);
  const [a, setA] = useState<string>("");
  const [b, setB] = useState<string>(current ?? "");
  const [comparison, setComparison] = useState<ReportComparison & { warnings?: string[] }>();
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
        setKey((k) => (comparison.keys.includes(k) ? k : (comparison.keys[0] ?? "")));
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [a, b]);
  const runs = results.filter((r) => r.kind !== "bloc");
  const label = (r: ResultSummary) => `${r.scenarioName} — ${r.model} on ${r.dataset} — ${r.createdAt.slice(0, 16).replace("T", " ")} (${r.id.slice(0, 8)})`;
  const pick = (value: string, set: (v: string) => void, name: string) => (
    <label>
      run {name}{" "}
      <select value={value} onChange={(e) => set(e.target.value)} data-testid={`compare-${name}`}>
        <option value="">—</option>
        {runs.map((r) => (
          <option key={r.id} value={r.id}>
            {label(r)}
          </option>
        ))}
      </select>
    </label>
  );
  const def = comparison?.definitions[key];
  const differenceDef = def ? { ...def, unit: def.unit === "%" ? ("pp" as const) : def.unit } : undefined;
  const paired = comparison?.phases[phase];
  const rows = paired?.rows ?? [];
  if (runs.length === 0) return null; // nothing stored yet: no empty pickers
  return (
    <section className="compare" aria-label="Compare two runs">
      <h2>Compare two runs</h2>
      <div className="controls">
        {pick(a, setA, "A")}
        {pick(b, setB, "B")}
      </div>
      {error && <p className="error">{error}</p>}
      {comparison && (
        <>
          {(comparison.warnings ?? []).length > 0 && (
            <ul className="warnings" data-testid="compare-warnings">
              {comparison.warnings!.map((w, k) => (
                <li key={k}>{w}</li>
              ))}
            </ul>
          )}
          <div className="controls">
            <label>
              phase{" "}
              <select value={phase} onChange={(e) => setPhase(Number(e.target.value))} data-testid="compare-phase">
                {comparison.phases.map((p, k) => (
                  <option key={k} value={k}>
                    {p.a === p.b ? p.a : `${p.a ?? "(none in A)"} ↔ ${p.b ?? "(none in B)"}`}
                  </option>
                ))}
              </select>
            </label>
            <label>
              measure{" "}
              <select value={key} onChange={(e) => setKey(e.target.value)} data-testid="compare-measure">
                {comparison.keys.map((k) => (
                  <option key={k} value={k}>
                    {comparison.definitions[k].label} ({comparison.definitions[k].unit})
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Comparison table">
            <table data-testid="compare-table">
              <thead>
                <tr>
                  <th scope="col">Country</th>
                  <th scope="col" title={definitionText(def)}>
                    A: {comparison.a.scenario} {paired?.a ? `(${paired.a})` : ""}
                  </th>
                  <th scope="col" title={definitionText(def)}>
                    B: {comparison.b.scenario} {paired?.b ? `(${paired.b})` : ""}
                  </th>
                  <th scope="col" title={definitionText(def)}>
                    B − A
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...rows]
                  .sort((x, y) => Math.abs(y.values[key]?.difference ?? 0) - Math.abs(x.values[key]?.difference ?? 0))
                  .map((row) => (
                    <tr key={row.code} data-code={row.code}>
                      <th scope="row">
                        {row.code}
                        {row.name !== row.code && <span className="name"> {row.name}</span>}
                      </th>
                      <td className={`tone-${toneOf(row.values[key]?.a, def)}`}>{withUnit(row.values[key]?.a, def)}</td>
                      <td className={`tone-${toneOf(row.values[key]?.b, def)}`}>{withUnit(row.values[key]?.b, def)}</td>
                      <td className={`tone-${toneOf(row.values[key]?.difference, def)}`} data-key="difference">
                        {withUnit(row.values[key]?.difference, differenceDef)}
                      </td>
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
