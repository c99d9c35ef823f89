import { useState } from "react";
import type { QuantityDefinition } from "./api.js";
import { toneOf } from "./colors.js";
import { definitionText, formatValue } from "./format.js";

export interface TableRow {
  code: string;
  name: string;
  values: Record<string, number>;
}

/**
 * A sortable table (click a header; again to reverse) whose first column names the row — "JPN Japan",
 * a group once ("EU27", not "EU27 EU27"). Every number carries its unit in the header, its definition on
 * hover and its tone: good or bad for the measure, none when it shows as zero.
 */
export function ResultTable({
  rows,
  keys,
  definitions,
  testId,
  first = "Country",
  caption,
  defaultSort,
  solved = true,
}: {
  rows: TableRow[];
  keys: string[];
  definitions: Record<string, QuantityDefinition>;
  testId: string;
  first?: string;
  caption?: string;
  defaultSort?: string;
  /** False for a phase that did not converge: its cells show "—" (the values are a last iterate). */
  solved?: boolean;
}) {
  const [sort, setSort] = useState<{ key: string; descending: boolean } | undefined>(defaultSort ? { key: defaultSort, descending: true } : undefined);
  const sorted = sort
    ? [...rows].sort((a, b) => {
        const d = sort.key === "code" ? a.code.localeCompare(b.code) : (a.values[sort.key] ?? -Infinity) - (b.values[sort.key] ?? -Infinity);
        return sort.descending ? -d : d;
      })
    : rows;
  const click = (key: string) => setSort((s) => ({ key, descending: s?.key === key ? !s.descending : true }));
  const arrow = (key: string) => (sort?.key === key ? (sort.descending ? " ▼" : " ▲") : "");
  const ariaSort = (key: string) => (sort?.key === key ? (sort.descending ? "descending" : "ascending") : "none");
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption ?? testId}>
      <table data-testid={testId}>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            <th scope="col" aria-sort={ariaSort("code")}>
              <button type="button" onClick={() => click("code")}>
                {first + arrow("code")}
              </button>
            </th>
            {keys.map((key) => (
              <th key={key} scope="col" title={definitionText(definitions[key])} data-key={key} aria-sort={ariaSort(key)}>
                <button type="button" onClick={() => click(key)}>
                  {definitions[key]?.label ?? key} ({definitions[key]?.unit}){arrow(key)}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.code} data-code={row.code}>
              <th scope="row">
                {row.code}
                {row.name && row.name !== row.code && <span className="name"> {row.name}</span>}
              </th>
              {keys.map((key) => (
                <td
                  key={key}
                  data-key={key}
                  data-value={solved ? row.values[key] : undefined}
                  data-tone={solved ? toneOf(row.values[key], definitions[key]) : "zero"}
                  title={definitionText(definitions[key])}
                  className={`tone-${solved ? toneOf(row.values[key], definitions[key]) : "zero"}`}
                >
                  {solved ? formatValue(row.values[key], definitions[key]) : "—"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
