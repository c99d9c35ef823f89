import { useMemo, useState } from "react";
import { parseDocument } from "yaml";
import type { DatasetInfo, InputIssue } from "./api.js";
import { issueLine } from "./issueLines.js";

interface Props {
  text: string;
  onChange: (text: string) => void;
  dataset: DatasetInfo | undefined;
  issues: InputIssue[];
}

/** The scenario: a form for the common shock (a tariff) and the YAML text with its errors inline. */
export function ScenarioEditor({ text, onChange, dataset, issues }: Props) {
  const lines = text.split("\n");
  const marked = useMemo(() => {
    const byLine = new Map<number, InputIssue[]>();
    const loose: InputIssue[] = [];
    for (const issue of issues) {
      const line = issueLine(text, issue);
      if (line === undefined) loose.push(issue);
      else byLine.set(line, [...(byLine.get(line) ?? []), issue]);
    }
    return { byLine, loose };
  }, [text, issues]);

  return (
    <div className="editor">
      <TariffForm text={text} onChange={onChange} dataset={dataset} />
      {issues.length > 0 && (
        <ul className="issues" data-testid="issues">
          {[...marked.byLine.entries()]
            .sort((a, b) => a[0] - b[0])
            .flatMap(([line, list]) => list.map((issue, k) => <IssueItem key={`${line}-${k}`} issue={issue} line={line} />))}
          {marked.loose.map((issue, k) => (
            <IssueItem key={`loose-${k}`} issue={issue} />
          ))}
        </ul>
      )}
      <div className="yaml">
        <pre className="gutter" aria-hidden>
          {lines.map((_, k) => (
            <span key={k} className={marked.byLine.has(k + 1) ? "bad" : ""}>
              {k + 1}
              {"\n"}
            </span>
          ))}
        </pre>
        <textarea data-testid="yaml-editor" spellCheck={false} value={text} rows={Math.max(18, lines.length + 1)} onChange={(e) => onChange(e.target.value)} />
      </div>
    </div>
  );
}

function IssueItem({ issue, line }: { issue: InputIssue; line?: number }) {
  return (
    <li className="issue" data-path={issue.path}>
      {line !== undefined && <span className="line">line {line}</span>}
      <code className="path">{issue.path || issue.source}</code>
      {issue.value !== "" && (
        <span className="value">
          {" "}
          = <code>{issue.value}</code>
        </span>
      )}
      <span className="message">: {issue.message}</span>
    </li>
  );
}

/** Adds `{type: tariff, importer, exporter, set}` to a phase's shocks (the most common edit). */
function TariffForm({ text, onChange, dataset }: Omit<Props, "issues">) {
  const doc = useMemo(() => parseDocument(text), [text]);
  const phases = useMemo(() => {
    const raw = doc.errors.length ? undefined : (doc.toJS() as { phases?: { name?: string }[] } | undefined);
    return (raw?.phases ?? []).map((p, k) => p?.name ?? `#${k + 1}`);
  }, [doc]);
  const [phase, setPhase] = useState(0);
  const [importer, setImporter] = useState("USA");
  const [exporter, setExporter] = useState("JPN");
  const [percent, setPercent] = useState("15");
  const codes = [
    "all",
    ...Object.keys(dataset?.groups ?? {}),
    ...(dataset?.countries ?? []).map((c) => c.code),
  ];
  const add = () => {
    const next = parseDocument(text);
    const shock = next.createNode({ type: "tariff", importer, exporter, set: `${percent}%` });
    shock.flow = true;
    const at = ["phases", Math.min(phase, phases.length - 1), "shocks"];
    if (!next.hasIn(at)) next.setIn(at, next.createNode([]));
    next.addIn(at, shock);
    onChange(next.toString());
  };
  const options = codes.map((c) => (
    <option key={c} value={c}>
      {c}
    </option>
  ));
  return (
    <fieldset className="form" disabled={phases.length === 0}>
      <legend>Add a tariff</legend>
      <label>
        phase{" "}
        <select value={phase} onChange={(e) => setPhase(Number(e.target.value))}>
          {phases.map((name, k) => (
            <option key={k} value={k}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        importer <select value={importer} onChange={(e) => setImporter(e.target.value)}>{options}</select>
      </label>
      <label>
        exporter <select value={exporter} onChange={(e) => setExporter(e.target.value)}>{options}</select>
      </label>
      <label>
        rate (%) <input type="number" min={0} max={1000} step="any" value={percent} onChange={(e) => setPercent(e.target.value)} />
      </label>
      <button type="button" onClick={add}>
        Add shock
      </button>
    </fieldset>
  );
}
