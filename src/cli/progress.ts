import { progressBar } from "./progressBar.js";

/**
 * Progress of a long command (bloc, tariff-war) on standard error: a bar while it runs, only when standard
 * error is a terminal (progressBar.ts: a log file or CI gets no bar lines), and always one summary line
 * when it ends — what was done and the time it took — so a user sees the cost of a run wherever the output goes.
 */
export interface Progress {
  /** `done` of `total` steps; `label` names the stage (shown in the bar). */
  update(done: number, total: number, label?: string): void;
  /** Stops the bar and writes "tradewinds: <what> in <seconds> s". */
  finish(what: string): void;
  /** Stops the bar without a summary (the command failed; its error follows on a line of its own). */
  stop(): void;
}

export async function startProgress(options: { stream?: NodeJS.WriteStream; enabled?: boolean; unit?: string; now?: () => number } = {}): Promise<Progress> {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const bar = await progressBar("solving", options.unit ?? "steps", options.enabled ?? true, stream);
  return {
    update: (done, total, label) => bar?.update(done, total, label),
    finish(what) {
      bar?.stop();
      stream.write(`tradewinds: ${what} in ${((now() - started) / 1000).toFixed(1)} s\n`);
    },
    stop: () => bar?.stop(),
  };
}
