import type { InputIssue } from "../../../src/messages.js";
import type { RunReport } from "../../../src/report/types.js";
import type { PhaseSolveTiming, WhatIfMode } from "../../../src/whatIf/whatIfSession.js";

export type { PhaseSolveTiming, WhatIfMode };

/** Messages to the solver worker. Each request supersedes every earlier one: the latest wins. */
export type WorkerRequest =
  | {
      kind: "solve";
      id: number;
      /** The scenario text (YAML or JSON), validated and solved by the library's pipeline in the worker. */
      text: string;
      /** "warm": from each phase's previous solution; "exact": from the baseline, as the server does. */
      mode: WhatIfMode;
      /** After a warm result, go on to solve exactly (unless a newer request came) and send that too. */
      settle: boolean;
      /** The dashboard's base URL, which the dataset routes hang from. */
      base: string;
    }
  | { kind: "tariff"; id: number; phase: string; importer: string; exporter: string; sector: string | undefined };

/** Messages from the worker, each answering the request of the same id. */
export type WorkerResponse =
  | { kind: "loading"; id: number; dataset: string }
  | { kind: "result"; id: number; mode: WhatIfMode; report: RunReport; timings: PhaseSolveTiming[]; exact: boolean; text: string; totalMs: number }
  | { kind: "superseded"; id: number }
  | { kind: "error"; id: number; message: string; issues: InputIssue[] }
  | { kind: "tariff"; id: number; rate: number | undefined };
