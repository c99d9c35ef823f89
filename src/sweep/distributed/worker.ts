export async function runWorker(_options: { redis: string; threads: number; lockMs: number; log: (line: string) => void }): Promise<void> {
  throw new Error("not yet");
}
