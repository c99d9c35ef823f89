import { LineCounter, isNode, parseDocument } from "yaml";
import type { InputIssue } from "./api.js";

/** "phases[0].shocks[1].set" → ["phases", 0, "shocks", 1, "set"]. */
export function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(part[2] !== undefined ? Number(part[2]) : part[1]);
  return out;
}

/**
 * The 1-based line of the scenario text that an issue's field path points at (the nearest existing
 * parent when the field itself is missing); "line N" paths from YAML syntax errors are read as is.
 */
export function issueLine(text: string, issue: InputIssue): number | undefined {
  const direct = /^line (\d+)$/.exec(issue.path);
  if (direct) return Number(direct[1]);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length) return undefined;
  const path = splitPath(issue.path);
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}
