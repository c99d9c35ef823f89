import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/main.js";
import { colorFor, tableOptionsFor } from "../../src/cli/terminal.js";
import { message } from "../../src/messages.js";
import { modelCatalog } from "../../src/models/available.js";
import { definitionOf } from "../../src/report/registry.js";
import { DEFAULT_TABLE_WIDTH, textTable } from "../../src/report/textTable.js";
import { runCli } from "../support/cli.js";

/**
 * CLI manners (issue 12): output cut short by its reader ends quietly; tables fit 100 columns unless
 * --wide; colour only on a terminal and never under NO_COLOR.
 */

/** Lines of the text tables in an output (they start with a box-drawing frame character). */
const tableLines = (text: string) => text.split("\n").filter((line) => /^[┌│└]/.test(line));
const onScreen = (line: string) => [...line.replace(/\x1b\[[0-9;]*m/g, "")].length;

describe("tables fit a 100-column terminal by default; --wide shows every column", () => {
  it("tradewinds run examples/cp-nafta.yaml: every table line ≤ 100 columns, and the columns left out are named", async () => {
    const r = await runCli("run", "examples/cp-nafta.yaml");
    expect(r.code).toBe(EXIT.ok);
    const lines = tableLines(r.out);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(onScreen(line)).toBeLessThanOrEqual(DEFAULT_TABLE_WIDTH);
    // The Caliendo–Parro table's nine columns (models/available.ts) do not all fit: those left out are named,
    // never the headline (the first), and with --wide every one is shown.
    const labels = modelCatalog["caliendo-parro"].tableKeys.map((k) => definitionOf(k).label);
    const note = r.out.split("\n").find((line) => line.includes("not shown to fit the width"))!;
    const hidden = labels.filter((label) => note.includes(label));
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden).not.toContain(labels[0]);
    expect(note).toBe(message.columnsHidden(hidden));
    const wide = await runCli("run", "examples/cp-nafta.yaml", "--wide");
    expect(wide.out).not.toContain("not shown to fit the width");
    expect(Math.max(...tableLines(wide.out).map(onScreen))).toBeGreaterThan(DEFAULT_TABLE_WIDTH);
    for (const label of hidden) expect(wide.out).toContain(label.split(" ")[0]);
  });

  it("textTable keeps the first column, passes over a column too wide for the room left, and wraps headers", () => {
    const text = textTable(["", "A quantity with a long label\n(%)", "B".repeat(40), "C\n(%)"], [["row", "1.00", "x".repeat(40), "3.00"]], { width: 40 });
    const lines = text.split("\n");
    expect(lines[lines.length - 1]).toBe(message.columnsHidden(["B".repeat(40)]));
    for (const line of lines.slice(0, -1)) expect(onScreen(line)).toBeLessThanOrEqual(40);
    expect(text).toContain("3.00"); // C, after the column left out, still fits
    expect(text).toContain("A quantity"); // the label wrapped at 12 characters
  });
});

describe("colour only on a terminal, never under NO_COLOR", () => {
  const tty = { isTTY: true, columns: 80 } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;

  it("colorFor follows NO_COLOR, FORCE_COLOR, TERM=dumb and the TTY", () => {
    expect(colorFor(tty, {})).toBe(true);
    expect(colorFor(tty, { NO_COLOR: "1" })).toBe(false);
    expect(colorFor(tty, { NO_COLOR: "" })).toBe(true); // no-color.org: only a non-empty value counts
    expect(colorFor(tty, { TERM: "dumb" })).toBe(false);
    expect(colorFor(pipe, {})).toBe(false);
    expect(colorFor(pipe, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorFor(tty, { FORCE_COLOR: "0" })).toBe(false);
  });

  it("a terminal's width is the table width; a file or pipe gets 100 columns and no colour", () => {
    expect(tableOptionsFor(tty, false, {})).toEqual({ width: 80, wide: false, color: true });
    expect(tableOptionsFor(pipe, true, {})).toEqual({ width: DEFAULT_TABLE_WIDTH, wide: true, color: false });
    expect(tableOptionsFor(undefined, false, {})).toEqual({ width: DEFAULT_TABLE_WIDTH, wide: false, color: false });
    expect(textTable(["", "x"], [["a", "1"]], { color: true })).toContain("\x1b[1m");
  });

  it("output to a pipe carries no escape sequence", async () => {
    const r = await runCli("run", "examples/japan-2025.yaml");
    expect(r.out).not.toContain("\x1b[");
  });
});

describe("output cut short by its reader (tradewinds run … | head) ends quietly", () => {
  it("the reader closes the pipe after the first chunk: exit 0, nothing on standard error", async () => {
    const entry = fileURLToPath(new URL("../support/cliProcess.mts", import.meta.url));
    const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
    const child = spawn(tsx, [entry, "run", "examples/japan-2025.yaml", "--format", "json"], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (chunk) => (err += String(chunk)));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(err).toBe("");
    expect(code).toBe(EXIT.ok);
  });
});
