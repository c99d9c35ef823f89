import { useCallback, useEffect, useRef, useState } from "react";
import type { InputIssue, RunReport } from "../api.js";
import type { PhaseSolveTiming, WhatIfMode, WorkerRequest, WorkerResponse } from "../worker/protocol.js";

/** A result of the in-browser solver, with how long it took from the request to its arrival. */
export interface BrowserResult {
  report: RunReport;
  text: string;
  timings: PhaseSolveTiming[];
  /** Solved from the baseline as the server does (false: a warm re-solve, equal to the solver's tolerance). */
  exact: boolean;
  /** Time in the worker's run, ms; and from posting the request to receiving the result (page clock). */
  workerMs: number;
  roundTripMs: number;
}

export interface SolverState {
  status: "idle" | "loading" | "solving";
  result?: BrowserResult;
  /** The latest warm result (a what-if move), kept when the exact one that settles it arrives. */
  lastWarm?: BrowserResult;
  error?: { message: string; issues: InputIssue[] };
}

/**
 * The solver worker (worker/solver.worker.ts) as React state. `solve` posts the scenario text; a newer
 * call supersedes older ones (the worker drops them between phases); `cancel` ends the worker at once
 * (even inside a long solve) and starts a fresh one, whose first solve is cold.
 */
export function useSolver() {
  const worker = useRef<Worker | undefined>(undefined);
  const sent = useRef(new Map<number, number>());
  const nextId = useRef(1);
  const latestSolve = useRef(0);
  const tariffAnswers = useRef(new Map<number, (rate: number | undefined) => void>());
  const [state, setState] = useState<SolverState>({ status: "idle" });

  const start = useCallback(() => {
    const w = new Worker(new URL("../worker/solver.worker.ts", import.meta.url), { type: "module", name: "tradewinds-solver" });
    w.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      if (message.kind === "tariff") {
        tariffAnswers.current.get(message.id)?.(message.rate);
        tariffAnswers.current.delete(message.id);
        return;
      }
      if (message.id !== latestSolve.current) return;
      if (message.kind === "loading") setState((s) => ({ ...s, status: "loading" }));
      else if (message.kind === "error") setState({ status: "idle", error: { message: message.message, issues: message.issues } });
      else if (message.kind === "result") {
        const roundTripMs = performance.now() - (sent.current.get(message.id) ?? performance.now());
        const result: BrowserResult = { report: message.report, text: message.text, timings: message.timings, exact: message.exact, workerMs: message.totalMs, roundTripMs };
        // A warm request's first result is followed by the exact one (settling) unless a newer request came.
        const settling = message.mode === "warm" && !message.exact;
        setState((s) => ({ status: settling ? "solving" : "idle", result, lastWarm: message.mode === "warm" ? result : s.lastWarm }));
      }
    };
    worker.current = w;
  }, []);

  useEffect(() => {
    start();
    return () => worker.current?.terminate();
  }, [start]);

  const solve = useCallback((text: string, mode: WhatIfMode) => {
    const id = nextId.current++;
    latestSolve.current = id;
    sent.current.clear();
    sent.current.set(id, performance.now());
    setState((s) => ({ ...s, status: "solving", error: undefined, lastWarm: mode === "warm" ? undefined : s.lastWarm }));
    const request: WorkerRequest = { kind: "solve", id, text, mode, settle: mode === "warm", base: new URL(".", location.href).href };
    worker.current?.postMessage(request);
  }, []);

  const cancel = useCallback(() => {
    worker.current?.terminate();
    latestSolve.current = nextId.current++;
    start();
    setState((s) => ({ status: "idle", result: s.result }));
  }, [start]);

  const tariff = useCallback(
    (phase: string, importer: string, exporter: string, sector: string | undefined) =>
      new Promise<number | undefined>((resolve) => {
        const id = nextId.current++;
        tariffAnswers.current.set(id, resolve);
        worker.current?.postMessage({ kind: "tariff", id, phase, importer, exporter, sector } satisfies WorkerRequest);
      }),
    [],
  );

  return { state, solve, cancel, tariff };
}
