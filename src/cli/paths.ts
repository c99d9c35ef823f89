import { accessSync, constants, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { TradewindsInputError, message, show } from "../messages.js";

/**
 * Command-line paths and numbers checked before any work starts, so that a bad `--out` or `--port`
 * is an input error naming the flag (exit 2) instead of a stack trace after minutes of solving.
 */

function commandLineError(flag: string, value: string, text: string): never {
  throw new TradewindsInputError([{ source: "command line", path: flag, value: show(value), message: text }]);
}

/** `--out`: not a folder, in a folder that exists, writable (checked before solving). */
export function checkOutputPath(path: string, flag = "--out"): void {
  const target = resolve(path);
  const existing = statOrUndefined(target);
  if (existing?.isDirectory()) commandLineError(flag, path, message.outputIsFolder(path));
  const folder = dirname(target);
  const parent = statOrUndefined(folder);
  if (!parent?.isDirectory()) commandLineError(flag, path, message.outputFolderMissing(folder));
  try {
    accessSync(existing ? target : folder, constants.W_OK);
  } catch {
    commandLineError(flag, path, message.outputNotWritable(path, "permission denied"));
  }
}

/** Writes `text` to a checked `--out` path; a failure (disk full, a race) is still an input error naming the flag. */
export function writeOutput(path: string, text: string, flag = "--out"): void {
  checkOutputPath(path, flag);
  try {
    writeFileSync(path, text);
  } catch (err) {
    commandLineError(flag, path, message.outputNotWritable(path, (err as NodeJS.ErrnoException).code ?? "write failed"));
  }
}

/** `--data-dir`: a writable folder, or a path whose nearest existing ancestor is one (the store creates the rest). */
export function checkDataDir(dir: string): void {
  let at = resolve(dir);
  for (;;) {
    const stat = statOrUndefined(at);
    if (stat) {
      if (!stat.isDirectory()) commandLineError("--data-dir", dir, message.dataDirNotFolder(dir, at === resolve(dir) ? "a file" : `inside ${at}, which is a file`));
      try {
        accessSync(at, constants.W_OK);
      } catch {
        commandLineError("--data-dir", dir, message.dataDirNotWritable(dir));
      }
      return;
    }
    const up = dirname(at);
    if (up === at) return;
    at = up;
  }
}

/** A TCP port: a whole number in [0, 65535] (0: the system picks a free one). */
export function parsePort(text: string, flag = "--port"): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) commandLineError(flag, text, message.portOutOfRange());
  return port;
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
