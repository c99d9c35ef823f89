import { useState } from "react";
import type { QuantityDefinition } from "./api.js";
import { definitionText, formatValue } from "./format.js";

export interface TableRow {
  code: string;
  name: string;
  values: Record<string, number>;
}

/** A sortable table: click a header to sort by it (again to reverse); every number shows its definition on hover. */
export function ResultTable({ rows, keys, definitions, testId, first = "Country" }: { rows: TableRow[]; keys: string[]; definitions: Record<string, QuantityDefinition>; testId: string; first?: string }) {
  const [sort, setSort] = useState<{ key: string; descending: boolean }>({ key: keys[0] ?? "code", descending: true });
  const sorted = [...rows].sort((a, b) => {
    const d = sort.key === "code" ? a.code.localeCompare(b.code) : (a.values[sort.key] ?? -Infinity) - (b.values[sort.key] ?? -Infinity);
    return sort.descending ? -d : d;
  });
  const click = (key: string) => setSort((s) => ({ key, descending: s.key === key ? !s.descending : true }));
  const arrow = (key: string) => (sort.key === key ? (sort.descending ? " ▼" : " ▲") : "");
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th onClick={() => click("code")}>{first + arrow("code")}</th>
            {keys.map((key) => (
              <th key={key} title={definitionText(definitions[key])} onClick={() => click(key)} data-key={key}>
                {definitions[key]?.label ?? key} ({definitions[key]?.unit}){arrow(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.code} data-code={row.code}>
              <th scope="row">
                {row.code} <span className="name">{row.name}</span>
              </th>
              {keys.map((key) => (
                <td key={key} data-key={key} data-value={row.values[key]} title={definitionText(definitions[key])} className={(row.values[key] ?? 0) < 0 ? "neg" : ""}>
                  {formatValue(row.values[key], definitions[key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
