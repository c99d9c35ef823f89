import { useCallback, useEffect, useRef, useState } from "react";
import { parseDocument } from "yaml";
import { api, ApiError, type DatasetInfo, type ExampleInfo, type InputIssue, type Job, type StoredResult } from "./api.js";
import { BlocResults } from "./BlocResults.js";
import { CompareView } from "./CompareView.js";
import { Results } from "./Results.js";
import { ScenarioEditor } from "./ScenarioEditor.js";
import { readUrl, writeUrl } from "./url.js";

const datasetOf = (text: string): string | undefined => {
  const value = parseDocument(text).get("dataset");
  return typeof value === "string" ? value : undefined;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The dashboard: pick, edit, run (with progress), see and compare results. Only calls the API. */
export function App() {
  const [datasets, setDatasets] = useState<DatasetInfo[]>([]);
  const [examples, setExamples] = useState<ExampleInfo[]>([]);
  const [example, setExample] = useState<string>("");
  const [text, setText] = useState("");
  const [issues, setIssues] = useState<InputIssue[]>([]);
  const [job, setJob] = useState<Job>();
  const [stored, setStored] = useState<StoredResult>();
  const [runError, setRunError] = useState<string>();
  const validation = useRef(0);

  useEffect(() => {
    void (async () => {
      const [ds, ex] = await Promise.all([api.datasets(), api.examples()]);
      setDatasets(ds);
      setExamples(ex);
      const url = readUrl();
      if (url.result) {
        const r = await api.result(url.result);
        setStored(r);
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

  // Check the text as it is edited (debounced): the server's issues show inline in the editor.
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
    const doc = parseDocument(text || "name: new scenario\nmodel:\n  type: \nphases:\n  - name: first\n    shocks: []\n");
    doc.set("dataset", name);
    edit(doc.toString());
  };

  const run = async () => {
    setRunError(undefined);
    try {
      let current = (await api.submit(text)).job;
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
      setStored(result);
      const unchanged = examples.find((e) => e.name === example)?.text === text;
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

  const currentDataset = datasetOf(text);
  const dataset = datasets.find((d) => d.name === currentDataset);
  const running = job !== undefined && (job.status === "queued" || job.status === "running");
  const shownExamples = examples.filter((e) => !currentDataset || datasetOf(e.text) === currentDataset || e.name === example);

  return (
    <main>
      <header className="top">
        <h1>Tradewinds</h1>
        <p>Trade-policy scenarios solved by general-equilibrium trade models on real data.</p>
      </header>
      <div className="layout">
        <aside className="left">
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
          </div>
          {dataset && (
            <p className="dataset-meta">
              {dataset.title} — {dataset.countries.length} countries × {dataset.sectors.length} sector(s), {dataset.units}
            </p>
          )}
          <ScenarioEditor text={text} onChange={edit} dataset={dataset} issues={issues} />
          <div className="run">
            <button type="button" onClick={() => void run()} disabled={running || !text} data-testid="run">
              {running ? "Running…" : "Run"}
            </button>
            {running && (
              <span className="progress" data-testid="progress">
                <progress max={1} value={job.progress} /> {job.status === "queued" ? "queued" : `${Math.round(job.progress * 100)}%`}
              </span>
            )}
            {runError && (
              <p className="error" data-testid="run-error">
                {runError}
              </p>
            )}
          </div>
        </aside>
        <div className="right">
          {stored?.kind === "bloc" ? (
            <BlocResults key={stored.id} id={stored.id} report={stored.report} />
          ) : stored ? (
            <Results key={stored.id} stored={stored} />
          ) : (
            <p className="empty">Pick an example and press Run.</p>
          )}
          <CompareView current={stored?.kind === "run" ? stored.id : undefined} />
        </div>
      </div>
    </main>
  );
}
