import Table from "cli-table3";
import { message } from "../messages.js";
import { DEFAULT_TABLE_WIDTH, type TextTableOptions } from "./tableOptions.js";

export { DEFAULT_TABLE_WIDTH, type TextTableOptions };

/** Longest line of a column header: labels wrap at spaces, a longer word is cut. */
const HEADER_LINE = 12;

/** Table style of every text table (cli-table3): a frame and a header rule, no rules between rows, no colours of its own. */
export const compact = {
  style: { head: [] as string[], border: [] as string[] },
  chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
};

/**
 * A text table whose first column (the row labels) is always shown, then the other columns in order as
 * long as they fit `width` — the first columns are the headline quantities; a column too wide for the room
 * left is passed over for narrower ones after it — with the ones left out named on a line below. Header
 * lines wrap at HEADER_LINE characters so that a column is about as wide as its numbers.
 */
export function textTable(head: string[], rows: string[][], options: TextTableOptions = {}): string {
  const width = options.width ?? DEFAULT_TABLE_WIDTH;
  // A header wraps at HEADER_LINE characters, or at its column's widest cell when that is wider.
  const cellWidth = head.map((_, c) => Math.max(0, ...rows.map((r) => textWidth(r[c] ?? ""))));
  const wrapped = head.map((h, c) => (c === 0 ? h : wrapHeader(h, Math.max(HEADER_LINE, cellWidth[c]))));
  const columnWidth = wrapped.map((h, c) => Math.max(...h.split("\n").map(textWidth), ...rows.map((r) => textWidth(r[c] ?? ""))));
  // Each column takes its content, a space either side and one border; the frame adds one more border.
  let used = 1;
  const shown: number[] = [];
  for (let c = 0; c < head.length; c++) {
    const next = used + columnWidth[c] + 3;
    if (c > 0 && !options.wide && next > width) continue;
    used = next;
    shown.push(c);
  }
  const bold = (text: string) => (options.color ? text.split("\n").map((line) => (line ? `\x1b[1m${line}\x1b[22m` : line)).join("\n") : text);
  const table = new Table({ head: shown.map((c) => bold(wrapped[c])), ...compact });
  for (const row of rows) table.push(shown.map((c) => row[c] ?? ""));
  const hidden = head.filter((_, c) => !shown.includes(c)).map((h) => h.split("\n")[0]);
  return table.toString() + (hidden.length ? `\n${message.columnsHidden(hidden)}` : "");
}

/** Each line of a header wrapped to `limit` characters at spaces and after hyphens (a longer piece is cut). */
function wrapHeader(header: string, limit: number): string {
  const out: string[] = [];
  for (const line of header.split("\n")) {
    let current = "";
    for (const word of line.split(" ")) {
      // "Terms-of-trade" may break after each hyphen; pieces of one word join without a space.
      const pieces = word.split(/(?<=-)/).flatMap((p) => p.match(new RegExp(`.{1,${limit}}`, "gu")) ?? []);
      pieces.forEach((piece, k) => {
        const joined = current === "" ? piece : k === 0 ? `${current} ${piece}` : current + piece;
        if (current !== "" && joined.length > limit) {
          out.push(current);
          current = piece;
        } else current = joined;
      });
    }
    out.push(current);
  }
  return out.join("\n");
}

/** Characters on screen (code points; the tables hold no wide or combining characters, and no ANSI before colouring). */
function textWidth(text: string): number {
  return [...text].length;
}
