import { DEFAULT_TABLE_WIDTH, type TextTableOptions } from "../report/tableOptions.js";

/**
 * Terminal conventions of the CLI's output:
 * - colour only on a terminal, and never when NO_COLOR is set to anything non-empty (https://no-color.org);
 *   FORCE_COLOR (non-empty, not "0") asks for it anyway, TERM=dumb never;
 * - tables fit the terminal's width on a terminal, else DEFAULT_TABLE_WIDTH (100) columns; `--wide` shows every column;
 * - progress goes to standard error only when standard error is a terminal (progress.ts).
 */
export function colorFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "") return env.FORCE_COLOR !== "0";
  return Boolean(stream.isTTY) && env.TERM !== "dumb";
}

/** Table layout for output written to `stream` (standard output, or a file with --out: neither colour nor terminal width). */
export function tableOptionsFor(stream: NodeJS.WriteStream | undefined, wide: boolean | undefined, env: NodeJS.ProcessEnv = process.env): TextTableOptions {
  const terminal = stream?.isTTY ? stream.columns : undefined;
  return { width: terminal && terminal > 0 ? terminal : DEFAULT_TABLE_WIDTH, wide: Boolean(wide), color: stream ? colorFor(stream, env) : false };
}
