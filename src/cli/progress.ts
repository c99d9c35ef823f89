/**
 * Progress of a long command (bloc, tariff-war) on standard error: a bar while it runs, only when standard
 * error is a terminal (a log file or CI gets no bar lines), and always one summary line when it ends —
 * what was done and the time it took — so a user sees the cost of a run wherever the output goes.
 */
export interface Progress {
  /** `done` of `total` steps; `label` names the stage (shown in the bar). */
  update(done: number, total: number, label?: string): void;
  /** Stops the bar and writes "tradewinds: <what> in <seconds> s". */
  finish(what: string): void;
}

export async function startProgress(options: { stream?: NodeJS.WriteStream; enabled?: boolean; now?: () => number } = {}): Promise<Progress> {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const cliProgress = (options.enabled ?? true) && stream.isTTY ? (await import("cli-progress")).default : undefined;
  const bar = cliProgress
    ? new cliProgress.SingleBar({ format: "{stage} [{bar}] {value}/{total} | {duration_formatted} elapsed, {eta_formatted} left", stream, hideCursor: false, clearOnComplete: true }, cliProgress.Presets.shades_classic)
    : undefined;
  let running = false;
  return {
    update(done, total, label = "solving") {
      if (!bar) return;
      if (!running) bar.start(total, done, { stage: label });
      running = true;
      bar.setTotal(total);
      bar.update(done, { stage: label });
    },
    finish(what) {
      if (running) bar?.stop();
      stream.write(`tradewinds: ${what} in ${((now() - started) / 1000).toFixed(1)} s\n`);
    },
  };
}
