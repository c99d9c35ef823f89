/// <reference lib="webworker" />
import { TradewindsInputError } from "../../../src/messages.js";
import { validateScenarioText } from "../../../src/scenario/validate.js";
import { WhatIfSession } from "../../../src/whatIf/whatIfSession.js";
import { fetchDataset } from "./fetchDataset.js";
import type { WorkerRequest, WorkerResponse } from "./protocol.js";

/**
 * The dashboard's solver: the library's own pipeline (validate → normalize → calibrate → compile →
 * solve → report, src/whatIf/whatIfSession.ts over src/runOnDataset.ts) in a Web Worker, so the page
 * never freezes. One dataset is held at a time (fetched on demand); every phase keeps its last solution
 * to start the next solve from. The latest request wins: between phases the worker lets messages in,
 * and a run whose request was superseded stops there.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const SOURCE = "scenario";
let session: { name: string; session: Promise<WhatIfSession> } | undefined;
let running = false;
let pending: Extract<WorkerRequest, { kind: "solve" }> | undefined;

const post = (message: WorkerResponse) => scope.postMessage(message);
/** Lets queued messages (newer requests) in. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === "tariff") {
    void answerTariff(request);
    return;
  }
  if (pending) post({ kind: "superseded", id: pending.id });
  pending = request;
  if (!running) void drain();
};

async function drain(): Promise<void> {
  running = true;
  try {
    while (pending) {
      const request = pending;
      pending = undefined;
      await solve(request);
    }
  } finally {
    running = false;
  }
}

function sessionFor(name: string, base: string): Promise<WhatIfSession> {
  if (session?.name !== name) {
    // Only the dataset in use is kept: a new one replaces the old (and its solutions).
    const loading = fetchDataset(name, base).then((data) => new WhatIfSession(data));
    loading.catch(() => (session = undefined));
    session = { name, session: loading };
  }
  return session.session;
}

async function solve(request: Extract<WorkerRequest, { kind: "solve" }>): Promise<void> {
  try {
    const input = validateScenarioText(request.text, SOURCE);
    if (input.estimation) throw new Error("this scenario has an estimation section, whose panel is read on the server: press Run to solve it there");
    if (session?.name !== input.dataset) post({ kind: "loading", id: request.id, dataset: input.dataset });
    const whatIf = await sessionFor(input.dataset, request.base);
    let exactAlready = false;
    for (const mode of request.mode === "warm" && request.settle ? (["warm", "exact"] as const) : [request.mode]) {
      if (mode === "exact" && request.mode === "warm") {
        await yieldToMessages();
        if (pending) return; // a newer value came: it settles instead
        if (exactAlready) return; // the warm run solved every changed phase from the baseline (nothing to start from)
      }
      const t0 = performance.now();
      const steps = whatIf.run(input, { source: SOURCE, mode });
      let next = steps.next();
      while (!next.done) {
        await yieldToMessages();
        if (pending) {
          post({ kind: "superseded", id: request.id });
          return;
        }
        next = steps.next();
      }
      const { report, timings } = next.value;
      exactAlready = timings.every((t) => t.exact);
      post({ kind: "result", id: request.id, mode, report, timings, exact: timings.every((t) => t.exact), text: request.text, totalMs: performance.now() - t0 });
    }
  } catch (err) {
    if (err instanceof TradewindsInputError) post({ kind: "error", id: request.id, message: err.issues.map((i) => i.message).join("; "), issues: err.issues });
    else post({ kind: "error", id: request.id, message: err instanceof Error ? err.message : String(err), issues: [] });
  }
}

async function answerTariff(request: Extract<WorkerRequest, { kind: "tariff" }>): Promise<void> {
  const whatIf = session ? await session.session.catch(() => undefined) : undefined;
  const data = whatIf?.dataset;
  const at = (codes: { code: string }[], code: string | undefined) => (code === undefined ? undefined : codes.findIndex((c) => c.code === code));
  const i = data ? at(data.countries, request.exporter) : undefined;
  const j = data ? at(data.countries, request.importer) : undefined;
  const s = data && request.sector !== undefined ? at(data.sectors, request.sector) : undefined;
  const valid = i !== undefined && i >= 0 && j !== undefined && j >= 0 && (request.sector === undefined || (s !== undefined && s >= 0));
  post({ kind: "tariff", id: request.id, rate: valid ? whatIf!.tariffInForce(request.phase, i, j, s) : undefined });
}
