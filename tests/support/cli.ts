import { vi } from "vitest";
import { main } from "../../src/cli/main.js";

/** Runs the CLI in-process and captures what it writes to standard output and error. */
export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  try {
    const code = await main(["node", "tradewinds", ...args]);
    return { code, out, err };
  } finally {
    vi.restoreAllMocks();
  }
}
