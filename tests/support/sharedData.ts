import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

/** The reference data folder beside the checkout (../shared/data); CI has it. */
export const SHARED_DATA = resolve(process.cwd(), "../shared/data");

/** Reads a file of ../shared/data, failing (not skipping) with the path when it is missing. */
export function readShared(relative: string): string {
  const path = resolve(SHARED_DATA, relative);
  if (!existsSync(path)) throw new Error(`reference file missing: ${path} (tests need ../shared/data beside the checkout)`);
  return readFileSync(path, "utf8");
}
