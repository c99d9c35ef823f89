/** A progress bar on standard error, or nothing when it is not a terminal (or `enabled` is false). */
export interface ProgressBar {
  /** `done` of `total`; `stage` replaces the bar's label (e.g. "Nash war", then "optimal tariffs"). */
  update(done: number, total: number, stage?: string): void;
  stop(): void;
}

/**
 * A bar with the rate and the estimated time left, e.g.
 *   solving draws [██████░░░░] 412/1000 | 3.1 draws/s | ETA 3m10s
 * Shown only when the stream (standard error) is a TTY (never in pipes, logs or CI output); cli-progress is
 * loaded only then.
 */
export async function progressBar(label: string, unit: string, enabled = true, stream: NodeJS.WriteStream = process.stderr): Promise<ProgressBar | undefined> {
  if (!enabled || !stream.isTTY) return undefined;
  const cliProgress = (await import("cli-progress")).default;
  const bar = new cliProgress.SingleBar(
    { format: `{stage} [{bar}] {value}/{total} | {rate} ${unit}/s | ETA {eta_formatted}`, stream, etaBuffer: 50, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let running = false;
  let current = label;
  return {
    update(done, total, stage) {
      current = stage ?? current;
      if (!running) bar.start(total, 0, { rate: "0.0", stage: current });
      running = true;
      bar.setTotal(total);
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? (done / seconds).toFixed(1) : "0.0", stage: current });
    },
    stop() {
      if (running) bar.stop();
    },
  };
}
