import { TradewindsInputError, type InputIssue } from "../messages.js";

/**
 * Every error the API returns has this JSON shape: a one-line summary and the issues, each naming
 * the field path, the value and the fix — the same `InputIssue`s (and message catalog) as the CLI.
 */
export interface ErrorBody {
  error: string;
  issues: InputIssue[];
}

/** An error with an HTTP status; route handlers throw it and the app's error handler sends it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.error);
    this.name = "HttpError";
  }
}

/** Texts of the server's own errors (limits, unknown ids), as functions of their context. */
export const httpMessage = {
  invalidInput: "invalid input",
  bodyTooLarge: (limit: number) => `the request body is larger than the server's limit of ${limit} bytes; send a smaller scenario (or start the server with a larger --body-limit)`,
  busy: (running: number, queued: number, retryAfter: number) =>
    `the server is busy (${running} run(s) solving, ${queued} waiting, the queue is full); retry after ${retryAfter} s`,
  timeLimit: (seconds: number) =>
    `the run took longer than the server's time limit of ${seconds} s and was stopped; simplify the scenario (fewer phases, a smaller dataset) or raise the limit (tradewinds serve --time-limit)`,
  interrupted: () => "the server stopped while this run was queued or running; submit it again",
  internal: (detail: string) => `internal error while solving: ${detail}`,
  hostNotAllowed: (allowed: string[]) =>
    `this server answers only to the host names ${allowed.join(", ")}; use one of them in the URL (start the server with --allow-host <name> to add one)`,
  validationTimeLimit: (seconds: number) =>
    `checking the scenario took longer than the server's limit of ${seconds} s; send a smaller scenario (see "Limits" in the README)`,
  validationFailed: (detail: string) => `the scenario could not be checked within the server's memory limit (${detail}); send a smaller scenario`,
  validationBusy: (queued: number) => `the server is busy checking ${queued} other scenario(s); retry in a second`,
  notFound: (what: string, id: string) => `no ${what} with id ${JSON.stringify(id)}; list them with GET /api/${what === "job" ? "jobs" : "results"}`,
  noDatasetFiles: (name: string, known: string[]) =>
    `no embedded dataset ${JSON.stringify(name)} to send to the browser; the dashboard solves in the browser on ${known.length ? known.join(", ") : "(none)"} (other datasets are solved on the server: press Run)`,
  noDatasetChunk: (name: string, index: string, count: number) => `dataset ${JSON.stringify(name)} has no chunk ${index}; its chunks are numbered 0 to ${count - 1}`,
  unknownExample: (name: string, known: string[]) => `unknown example ${JSON.stringify(name)}; choose one of ${known.length ? known.join(", ") : "(none)"}`,
  unknownFormat: (format: string) => `unknown format ${JSON.stringify(format)}; choose json, csv or table`,
  notForBloc: (what: string) => `${what} is not available for a bloc analysis; use format json or table`,
  compareNeedsRuns: (id: string) => `result ${JSON.stringify(id)} is a bloc analysis; compare works on two scenario runs`,
  notFinished: (status: string) => `the job is ${status}; poll GET /api/jobs/{id} until its status is "succeeded"`,
};

/** One issue about the request itself (not a scenario field). */
export function requestIssue(path: string, value: string, message: string): InputIssue {
  return { source: "request", path, value, message };
}

export function inputErrorBody(err: TradewindsInputError): ErrorBody {
  return { error: httpMessage.invalidInput, issues: err.issues };
}
