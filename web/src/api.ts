import type { InputIssue } from "../../src/messages.js";
import type { ReportComparison } from "../../src/report/compare.js";
import type { BlocReport } from "../../src/report/blocReport.js";
import type { QuantityDefinition, QuantityKey } from "../../src/report/registry.js";
import type { RunReport } from "../../src/report/types.js";

export type { BlocReport, InputIssue, QuantityDefinition, QuantityKey, ReportComparison, RunReport };

/** The server's JSON (see /openapi.json); the dashboard only fetches and shows it. */
export interface DatasetInfo {
  name: string;
  title: string;
  year: number;
  units: string;
  licence: string;
  countries: { code: string; name: string }[];
  sectors: { code: string; name: string }[];
  tariffSets: string[];
  groups: Record<string, string[]>;
}
export interface ExampleInfo {
  name: string;
  file: string;
  text: string;
}
export interface Job {
  id: string;
  kind: "run" | "bloc";
  status: "queued" | "running" | "succeeded" | "failed";
  progress: number;
  resultId: string | null;
  error: ApiErrorBody | null;
}
export interface ResultSummary {
  id: string;
  kind: "run" | "bloc";
  createdAt: string;
  scenarioName: string;
  dataset: string;
  model: string;
}
export type StoredResult = ResultSummary & { scenarioText: string } & ({ kind: "run"; report: RunReport } | { kind: "bloc"; report: BlocReport });
export interface ApiErrorBody {
  error: string;
  issues: InputIssue[];
}

/** A non-2xx answer: carries the server's issues (field path, value, fix). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.issues.map((i) => i.message).join("; ") || body.error);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init);
  const body = await res.json();
  if (!res.ok) throw new ApiError(res.status, body as ApiErrorBody);
  return body as T;
}

const post = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export const api = {
  datasets: () => call<DatasetInfo[]>("api/datasets"),
  examples: () => call<ExampleInfo[]>("api/examples"),
  validate: (scenario: string) => call<{ valid: true; phases: string[] }>("api/validate", post({ scenario })),
  submit: (scenario: string) => call<{ job: Job }>("api/runs", post({ scenario, mode: "job" })),
  job: (id: string) => call<Job>(`api/jobs/${encodeURIComponent(id)}`),
  result: (id: string) => call<StoredResult>(`api/results/${encodeURIComponent(id)}`),
  results: () => call<ResultSummary[]>("api/results?limit=100"),
  schema: () => call<unknown>("api/schema"),
  models: () => call<{ type: string; description: string }[]>("api/models"),
  compare: (a: string, b: string) => call<{ comparison: ReportComparison }>(`api/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`),
  downloadUrl: (id: string, format: "csv" | "json") => `api/results/${encodeURIComponent(id)}?format=${format}`,
};
