import { autocompletion } from "@codemirror/autocomplete";
import { yaml } from "@codemirror/lang-yaml";
import { linter, lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { useEffect, useMemo, useRef } from "react";
import type { DatasetInfo, InputIssue } from "./api.js";
import { scenarioCompletion, type SchemaNode } from "./editor/schemaCompletion.js";
import { issueLine } from "./issueLines.js";

interface Props {
  text: string;
  onChange: (text: string) => void;
  dataset: DatasetInfo | undefined;
  datasets: DatasetInfo[];
  schema: SchemaNode | undefined;
  modelTypes: string[];
  issues: InputIssue[];
}

/** An issue on its line of the text (or on line 1 when its field cannot be placed). */
export function issueDiagnostics(view: EditorView, text: string, issues: InputIssue[]): Diagnostic[] {
  const doc = view.state.doc;
  return issues.map((issue) => {
    const line = doc.line(Math.min(Math.max(issueLine(text, issue) ?? 1, 1), doc.lines));
    const at = issue.path ? `${issue.path}${issue.value !== "" ? ` = ${issue.value}` : ""}: ` : "";
    return { from: line.from, to: Math.max(line.from, line.to), severity: "error", message: `${at}${issue.message}`, source: issue.source };
  });
}

/**
 * The scenario text in a code editor (CodeMirror 6): YAML highlighting, completion from the scenario's
 * JSON Schema and the dataset's codes, and the validation issues as line markers in the gutter and
 * underlines (they stay on their lines however the text scrolls). Issues are also listed below it.
 */
export function ScenarioEditor({ text, onChange, dataset, datasets, schema, modelTypes, issues }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const latest = useRef({ onChange, dataset, datasets, schema, modelTypes });
  latest.current = { onChange, dataset, datasets, schema, modelTypes };

  useEffect(() => {
    const completion = scenarioCompletion(
      () => latest.current.schema && withModelTypes(latest.current.schema, latest.current.modelTypes),
      () => latest.current.dataset,
      () => latest.current.datasets,
    );
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: text,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          // Diagnostics come from the server's or the worker's validation (setDiagnostics below), not from a linter of its own.
          linter(null),
          autocompletion({ override: [completion] }),
          EditorView.lineWrapping,
          // tabindex: the content is the scroller's keyboard-focusable part (axe: scrollable-region-focusable).
          EditorView.contentAttributes.of({ "aria-label": "Scenario (YAML)", "data-testid": "yaml-editor", tabindex: "0" }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor is created once; later text changes from outside are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor || editor.state.doc.toString() === text) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
  }, [text]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    editor.dispatch(setDiagnostics(editor.state, issueDiagnostics(editor, editor.state.doc.toString(), issues)));
  }, [issues, text]);

  const listed = useMemo(() => issues.map((issue) => ({ issue, line: issueLine(text, issue) })).sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)), [issues, text]);

  return (
    <div className="editor">
      <div ref={host} className="cm-host" />
      {listed.length > 0 && (
        <ul className="issues" data-testid="issues" aria-live="polite">
          {listed.map(({ issue, line }, k) => (
            <li key={k} className="issue" data-path={issue.path}>
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
          ))}
        </ul>
      )}
    </div>
  );
}

/** The schema with model.type's values (the server's catalog) as an enum, for completion. */
function withModelTypes(schema: SchemaNode, types: string[]): SchemaNode {
  const model = schema.properties?.model;
  if (!model?.properties?.type || types.length === 0) return schema;
  return { ...schema, properties: { ...schema.properties, model: { ...model, properties: { ...model.properties, type: { ...model.properties.type, enum: types } } } } };
}
