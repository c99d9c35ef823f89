/**
 * A queue with bounded concurrency and a bounded number of waiting tasks: `tryAdd` refuses (returns
 * false) when both are full, so the caller can answer 429 instead of letting memory grow.
 */
export class BoundedQueue {
  private readonly waitingTasks: (() => Promise<void>)[] = [];
  private runningCount = 0;
  private peak = 0;
  private finishedCount = 0;
  private totalMs = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly maxRunning: number,
    readonly maxWaiting: number,
  ) {
    if (!(maxRunning >= 1 && maxWaiting >= 0)) throw new Error(`internal: BoundedQueue(${maxRunning}, ${maxWaiting})`);
  }

  get running(): number {
    return this.runningCount;
  }
  get waiting(): number {
    return this.waitingTasks.length;
  }
  /** The most tasks that ever ran at once. */
  get peakRunning(): number {
    return this.peak;
  }

  hasRoom(): boolean {
    return this.runningCount < this.maxRunning || this.waitingTasks.length < this.maxWaiting;
  }

  /** Starts the task now, queues it, or refuses it when the queue is full. Tasks must not reject. */
  tryAdd(task: () => Promise<void>): boolean {
    if (!this.hasRoom()) return false;
    this.waitingTasks.push(task);
    this.pump();
    return true;
  }

  /** Seconds a refused client should wait: the mean task time × tasks ahead per slot (at least 1). */
  retryAfterSeconds(): number {
    const meanMs = this.finishedCount ? this.totalMs / this.finishedCount : 1000;
    return Math.max(1, Math.ceil((meanMs * (this.waitingTasks.length + 1)) / this.maxRunning / 1000));
  }

  /** Resolves when no task is running or waiting. */
  idle(): Promise<void> {
    if (this.runningCount === 0 && this.waitingTasks.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.runningCount < this.maxRunning && this.waitingTasks.length) {
      const task = this.waitingTasks.shift()!;
      this.runningCount++;
      this.peak = Math.max(this.peak, this.runningCount);
      const started = performance.now();
      void task().finally(() => {
        this.runningCount--;
        this.finishedCount++;
        this.totalMs += performance.now() - started;
        if (this.runningCount === 0 && this.waitingTasks.length === 0) for (const wake of this.idleWaiters.splice(0)) wake();
        this.pump();
      });
    }
  }
}
