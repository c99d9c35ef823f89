/**
 * Where the cursor is in a scenario's YAML, read from the text above it by indentation (it works while
 * the document is half-typed and does not parse): the path of mappings and list items ("[]") that lead
 * to the mapping being edited, and whether a key or a value is being typed. Flow mappings on one line
 * (`- { type: tariff, importer: USA, … }`) count as one list item.
 */
export interface YamlContext {
  /** Keys and "[]" (a list item) from the root to the mapping that holds the cursor. */
  path: string[];
  /** "key": typing a key of that mapping; "value": typing the value of `key`. */
  kind: "key" | "value";
  key?: string;
  /** The word being typed (what completion replaces) and where it starts. */
  word: string;
  from: number;
  /** Keys and values already given in the same flow mapping or on its line (narrows a union by its `type`). */
  siblings: Record<string, string>;
}

interface LineShape {
  /** Column of the key (or of the value of a "- value" item). */
  keyColumn: number;
  /** Column of the "- " of a list item, or −1. */
  dashColumn: number;
  key?: string;
  /** The key's value on the same line is empty (its children follow on the next lines). */
  opensBlock: boolean;
}

function shapeOf(line: string): LineShape | undefined {
  const m = /^(\s*)(- +)?(.*)$/.exec(line)!;
  const rest = m[3];
  if (rest.trim() === "" || rest.trimStart().startsWith("#")) {
    if (!m[2]) return undefined;
  }
  const dashColumn = m[2] ? m[1].length : -1;
  const keyColumn = m[1].length + (m[2]?.length ?? 0);
  const key = /^([A-Za-z_$][\w$-]*)\s*:(\s|$)/.exec(rest)?.[1];
  const opensBlock = key !== undefined && /^[^:]*:\s*(#.*)?$/.test(rest);
  return { keyColumn, dashColumn, key, opensBlock };
}

export function yamlContext(text: string, position: number): YamlContext {
  const lineStart = text.lastIndexOf("\n", position - 1) + 1;
  const before = text.slice(lineStart, position);
  const word = /[\w$%.-]*$/.exec(before)![0];
  const from = position - word.length;
  const lines = text.slice(0, lineStart).split("\n");
  lines.pop(); // the empty string after the last newline

  // Inside a flow mapping on this line: `- { a: 1, b|`.
  const open = before.lastIndexOf("{");
  const inFlow = open >= 0 && before.indexOf("}", open) < 0;
  const siblings: Record<string, string> = {};
  const lineText = text.slice(lineStart, text.indexOf("\n", position) < 0 ? text.length : text.indexOf("\n", position));
  for (const m of lineText.matchAll(/([A-Za-z_][\w-]*)\s*:\s*([^,{}\s]+)/g)) siblings[m[1]] = m[2].replace(/^["']|["']$/g, "");

  const current = shapeOf(before) ?? { keyColumn: before.length, dashColumn: -1, opensBlock: false };
  let column: number;
  const path: string[] = [];
  let kind: "key" | "value";
  let key: string | undefined;
  if (inFlow) {
    const inside = before.slice(open + 1);
    const valueOf = /([A-Za-z_][\w-]*)\s*:\s*\[?[^,:]*$/.exec(inside.split(",").pop() ?? "");
    kind = valueOf && /:\s*/.test(inside.split(",").pop() ?? "") ? "value" : "key";
    key = kind === "value" ? valueOf?.[1] : undefined;
    const dash = /^(\s*)- /.exec(before);
    column = dash ? dash[1].length : current.keyColumn;
    if (dash) path.push("[]");
  } else {
    const valueOf = /^\s*(?:- +)?([A-Za-z_][\w-]*)\s*:\s*\[?[^:]*$/.exec(before);
    kind = valueOf ? "value" : "key";
    key = valueOf?.[1];
    column = current.keyColumn;
    if (current.dashColumn >= 0) {
      path.push("[]");
      column = current.dashColumn;
    }
  }
  for (let k = lines.length - 1; k >= 0 && column > 0; k--) {
    const shape = shapeOf(lines[k]);
    if (!shape) continue;
    if (shape.dashColumn >= 0 && shape.dashColumn < column && column <= shape.keyColumn) {
      path.push("[]");
      column = shape.dashColumn;
    } else if (shape.keyColumn < column && shape.key !== undefined) {
      path.push(shape.key);
      column = shape.keyColumn;
      if (shape.dashColumn >= 0) {
        path.push("[]");
        column = shape.dashColumn;
      }
    }
  }
  return { path: path.reverse(), kind, key, word, from, siblings };
}
