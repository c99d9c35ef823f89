import { closeSync, fstatSync, openSync, readFileSync, statSync } from "node:fs";
import { TradewindsInputError, message, show } from "../messages.js";

/** Largest text file read as a scenario, spec or dataset file: 64 MiB (the embedded datasets are ≤ 3 MB). */
export const MAX_TEXT_FILE_BYTES = 64 * 1024 * 1024;
/** Largest CSV read (estimation panels, OECD ICIO tables ≈ 100–300 MB); Node strings stop at 512 MiB. */
export const MAX_CSV_FILE_BYTES = 480 * 1024 * 1024;

export interface InputFileOptions {
  /** Where the path was given, for the message: a scenario file, "command line", … (default: the path itself). */
  source?: string;
  /** The field or argument that named it ("--out", "estimation.data", …); empty for a positional argument. */
  field?: string;
  /** What the file is, for the message ("scenario file", "ICIO table", …). */
  what: string;
  maxBytes?: number;
}

/**
 * Reads a user-named text file, refusing what must not be read: a missing path, a folder, a FIFO, a
 * device or a socket (reading those blocks or never ends), and files above `maxBytes`. The type is
 * checked on the opened descriptor, so a path swapped between the check and the read is caught too.
 * Errors name the file and what to give instead, never its content.
 */
export function readInputFile(path: string, options: InputFileOptions): string {
  checkInputFile(path, options);
  const fd = openSync(path, "r");
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) fail(path, options, message.notAFile(options.what, kindOf(stat)));
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

/** The checks of `readInputFile` without reading (a path that will be read later, e.g. by a worker). */
export function checkInputFile(path: string, options: InputFileOptions): void {
  let stat;
  try {
    stat = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail(path, options, code === "EACCES" ? message.fileNotReadable(options.what, path) : message.fileMissing(path));
  }
  if (!stat.isFile()) fail(path, options, message.notAFile(options.what, kindOf(stat)));
  const limit = options.maxBytes ?? MAX_TEXT_FILE_BYTES;
  if (stat.size > limit) fail(path, options, message.fileTooLarge(options.what, stat.size, limit));
}

function kindOf(stat: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  return stat.isDirectory() ? "a folder" : stat.isFIFO() ? "a named pipe (FIFO)" : stat.isCharacterDevice() || stat.isBlockDevice() ? "a device" : stat.isSocket() ? "a socket" : "not a regular file";
}

function fail(path: string, options: InputFileOptions, text: string): never {
  throw new TradewindsInputError([{ source: options.source ?? path, path: options.field ?? "", value: options.source ? show(path) : "", message: text }]);
}
