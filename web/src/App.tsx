import { useCallback, useEffect, useRef, useState } from "react";
import { parseDocument } from "yaml";
import { api, ApiError, type DatasetInfo, type ExampleInfo, type InputIssue, type Job, type StoredResult } from "./api.js";
import { BlocResults } from "./BlocResults.js";
import { CompareView } from "./CompareView.js";
import type { SchemaNode } from "./editor/schemaCompletion.js";
import { Landing } from "./Landing.js";
import { Results } from "./Results.js";
import { ScenarioEditor } from "./ScenarioEditor.js";
import { readUrl, writeUrl } from "./url.js";
import { useSolver } from "./whatIf/useSolver.js";
import { WhatIfPanel } from "./whatIf/WhatIfPanel.js";

const datasetOf = (text: string): string | undefined => {
  const value = parseDocument(text).get("dataset");
  return typeof value === "string" ? value : undefined;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The dashboard: pick, edit, run (on the server or in the browser), what-if, see and compare results. */
export function App() {
  const [datasets, setDatasets] = useState<DatasetInfo[]>([]);
  const [examples, setExamples] = useState<ExampleInfo[]>([]);
  const [schema, setSchema] = useState<SchemaNode>();
  const [modelTypes, setModelTypes] = useState<string[]>([]);
  const [example, setExample] = useState<string>("");
  const [text, setText] = useState("");
  const [issues, setIssues] = useState<InputIssue[]>([]);
  const [job, setJob] = useState<Job>();
  const [stored, setStored] = useState<StoredResult>();
  const [runError, setRunError] = useState<string>();
  const [view, setView] = useState<"server" | "browser">("server");
  const [whatIf, setWhatIf] = useState<{ baseText: string }>();
  const [phaseIndex, setPhaseIndex] = useState(0);
  const validation = useRef(0);
  const solver = useSolver();

  useEffect(() => {
    void (async () => {
      const [ds, ex] = await Promise.all([api.datasets(), api.examples()]);
      setDatasets(ds);
      setExamples(ex);
      void api.schema().then((s) => setSchema(s as SchemaNode));
      void api.models().then((m) => setModelTypes(m.map((x) => x.type)));
      const url = readUrl();
      if (url.result) {
        const r = await api.result(url.result);
        showStored(r);
        setText(r.scenarioText);
        setExample(url.example ?? "");
      } else if (url.scenario) setText(url.scenario);
      else {
        const chosen = ex.find((e) => e.name === url.example) ?? ex.find((e) => e.name === "japan-2025") ?? ex[0];
        if (chosen) {
          setExample(chosen.name);
          setText(chosen.text);
        }
      }
    })();
  }, []);

  const showStored = (r: StoredResult) => {
    setStored(r);
    setView("server");
    if (r.kind === "run") setPhaseIndex(r.report.phases.length - 1);
  };

  // Check the text as it is edited (debounced): the server's issues show as line markers in the editor.
  useEffect(() => {
    if (!text) return;
    const ticket = ++validation.current;
    const timer = setTimeout(() => {
      api
        .validate(text)
        .then(() => ticket === validation.current && setIssues([]))
        .catch((e: unknown) => ticket === validation.current && e instanceof ApiError && setIssues(e.body.issues));
    }, 350);
    return () => clearTimeout(timer);
  }, [text]);

  const edit = useCallback(
    (next: string) => {
      setText(next);
      const unchanged = examples.find((e) => e.name === example)?.text === next;
      writeUrl(unchanged ? { example } : { scenario: next });
    },
    [example, examples],
  );

  const chooseExample = (name: string) => {
    const hit = examples.find((e) => e.name === name);
    if (!hit) return;
    setExample(name);
    setText(hit.text);
    writeUrl({ example: name });
  };

  const chooseDataset = (name: string) => {
    // An example of another dataset no longer applies (and the example picker hides when the dataset has none).
    if (example && datasetOf(examples.find((e) => e.name === example)?.text ?? "") !== name) setExample("");
    const doc = parseDocument(text || "name: new scenario\nmodel:\n  type: \nphases:\n  - name: first\n    shocks: []\n");
    doc.set("dataset", name);
    edit(doc.toString());
  };

  const run = async (scenario: string) => {
    setRunError(undefined);
    try {
      let current = (await api.submit(scenario)).job;
      setJob(current);
      while (current.status === "queued" || current.status === "running") {
        await sleep(250);
        current = await api.job(current.id);
        setJob(current);
      }
      if (current.status === "failed") {
        setIssues(current.error?.issues ?? []);
        setRunError(current.error?.issues.map((i) => i.message).join("; ") || current.error?.error);
        return;
      }
      const result = await api.result(current.resultId!);
      showStored(result);
      const unchanged = examples.find((e) => e.name === example)?.text === scenario;
      writeUrl({ result: result.id, example: unchanged ? example : undefined });
    } catch (e) {
      if (e instanceof ApiError) {
        setIssues(e.body.issues);
        setRunError(e.status === 429 ? e.message : `${e.body.error}: see the errors under the editor`);
      } else setRunError(String(e));
    } finally {
      setJob((j) => (j && (j.status === "queued" || j.status === "running") ? undefined : j));
    }
  };

  const solveInBrowser = () => {
    setWhatIf(undefined);
    setView("browser");
    setPhaseIndex(Number.MAX_SAFE_INTEGER); // the last phase, once known
    solver.solve(text, "exact");
  };

  const browserResult = solver.state.result;
  const shown =
    view === "browser"
      ? browserResult && { report: browserResult.report, text: browserResult.text }
      : stored?.kind === "run"
        ? { report: stored.report, text: stored.scenarioText }
        : undefined;
  const startWhatIf = () => {
    if (!shown) return;
    setWhatIf({ baseText: shown.text });
    setView("browser");
    solver.solve(shown.text, "exact");
  };
  const saveWhatIf = (variant: string) => {
    setWhatIf(undefined);
    edit(variant);
    void run(variant);
  };

  const currentDataset = datasetOf(text);
  const dataset = datasets.find((d) => d.name === currentDataset);
  const shownDataset = shown ? datasets.find((d) => d.name === shown.report.dataset.name) : undefined;
  const running = job !== undefined && (job.status === "queued" || job.status === "running");
  const shownExamples = examples.filter((e) => !currentDataset || datasetOf(e.text) === currentDataset || e.name === example);
  const stale = shown !== undefined && (whatIf ? whatIf.baseText !== text : shown.text !== text);
  const origin =
    view === "browser"
      ? whatIf
        ? "What-if, solved in your browser by the library's own model code (not stored until saved)."
        : "Solved in your browser by the library's own model code (not stored)."
      : stored
        ? `Stored run ${stored.id.slice(0, 8)}, solved on the server ${stored.createdAt.slice(0, 16).replace("T", " ")}.`
        : "";

  return (
    <main>
      <header className="top">
        <h1>Tradewinds</h1>
        <p>Trade-policy scenarios solved by general-equilibrium trade models on real data.</p>
      </header>
      <div className="layout">
        <aside className="left" aria-label="Scenario">
          <div className="controls">
            <label>
              dataset{" "}
              <select value={currentDataset ?? ""} onChange={(e) => chooseDataset(e.target.value)} data-testid="dataset">
                <option value="">—</option>
                {datasets.map((d) => (
                  <option key={d.name} value={d.name} title={`${d.title} (${d.year}); ${d.units}; ${d.licence}`}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            {shownExamples.length > 0 && (
              <label>
                example{" "}
                <select value={example} onChange={(e) => chooseExample(e.target.value)} data-testid="example">
                  <option value="">—</option>
                  {shownExamples.map((e) => (
                    <option key={e.name} value={e.name}>
                      {e.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          {dataset && (
            <p className="dataset-meta">
              {dataset.title} — {dataset.countries.length} countries × {dataset.sectors.length} sector(s), {dataset.units}
            </p>
          )}
          <ScenarioEditor text={text} onChange={edit} dataset={dataset} datasets={datasets} schema={schema} modelTypes={modelTypes} issues={issues} />
          <div className="run">
            <button type="button" onClick={() => void run(text)} disabled={running || !text} data-testid="run">
              {running ? "Running…" : "Run"}
            </button>
            <button type="button" onClick={solveInBrowser} disabled={!text || solver.state.status !== "idle"} data-testid="solve-browser" title="Solve with the same model code in this browser: instant, not stored">
              Solve in browser
            </button>
            {running && (
              <span className="progress" data-testid="progress">
                <progress max={1} value={job.progress} aria-label="Run progress" /> {job.status === "queued" ? "queued" : `${Math.round(job.progress * 100)}%`}
              </span>
            )}
            {runError && (
              <p className="error" data-testid="run-error">
                {runError}
              </p>
            )}
            {view === "browser" && !whatIf && solver.state.error && (
              <p className="error" data-testid="browser-error">
                {solver.state.error.message}
              </p>
            )}
          </div>
        </aside>
        <div className="right">
          {view === "server" && stored?.kind === "bloc" ? (
            <BlocResults key={stored.id} id={stored.id} report={stored.report} />
          ) : shown ? (
            <Results
              report={shown.report}
              dataset={shownDataset}
              origin={origin}
              stale={stale}
              phaseIndex={Math.min(phaseIndex, shown.report.phases.length - 1)}
              onPhase={setPhaseIndex}
              downloads={
                <nav className="downloads" aria-label="Downloads and actions">
                  {!whatIf && shownDataset && (
                    <button type="button" onClick={startWhatIf} data-testid="whatif-start">
                      What if…
                    </button>
                  )}
                  {view === "server" && stored && (
                    <>
                      <a href={api.downloadUrl(stored.id, "csv")} download data-testid="download-csv">
                        Download CSV
                      </a>
                      <a href={api.downloadUrl(stored.id, "json")} download data-testid="download-json">
                        Download JSON
                      </a>
                    </>
                  )}
                </nav>
              }
              whatIf={
                whatIf && shownDataset ? (
                  <WhatIfPanel
                    baseText={whatIf.baseText}
                    report={shown.report}
                    phaseIndex={Math.min(phaseIndex, shown.report.phases.length - 1)}
                    dataset={shownDataset}
                    solver={solver.state}
                    onVariant={(variant) => solver.solve(variant, "warm")}
                    tariffInForce={solver.tariff}
                    onSave={saveWhatIf}
                    onCancel={solver.cancel}
                    onClose={() => {
                      setWhatIf(undefined);
                      setView(stored ? "server" : "browser");
                    }}
                  />
                ) : undefined
              }
            />
          ) : view === "browser" && solver.state.status !== "idle" ? (
            <p className="empty" role="status">
              {solver.state.status === "loading" ? "Loading the dataset into the browser…" : "Solving in the browser…"}
            </p>
          ) : (
            <Landing hasExample={example !== ""} />
          )}
          <CompareView current={stored?.kind === "run" ? stored.id : undefined} />
        </div>
      </div>
    </main>
  );
}
