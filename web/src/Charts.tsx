import * as Plot from "@observablehq/plot";
import { useCallback } from "react";
import type { QuantityDefinition, QuantityKey, RunReport } from "./api.js";
import { axisLabel, definitionText, formatValue } from "./format.js";
import { PlotFigure } from "./PlotFigure.js";

interface Row {
  code: string;
  name: string;
  value: number;
}

/** The largest gains and losses of one measure in one phase, as horizontal bars. */
export function GainsLosses({ rows, def, count = 10 }: { rows: Row[]; def: QuantityDefinition | undefined; count?: number }) {
  const make = useCallback(() => {
    const sorted = [...rows].sort((a, b) => b.value - a.value);
    const picked = sorted.length > 2 * count ? [...sorted.slice(0, count), ...sorted.slice(-count)] : sorted;
    return Plot.plot({
      width: 420,
      height: 24 + picked.length * 16,
      marginLeft: 150,
      x: { label: axisLabel(def), grid: true },
      y: { label: null, domain: picked.map((r) => `${r.code} ${r.name}`) },
      color: { type: "diverging", scheme: "RdBu", pivot: 0 },
      marks: [
        Plot.barX(picked, { x: "value", y: (r: Row) => `${r.code} ${r.name}`, fill: "value", title: (r: Row) => `${r.name}: ${formatValue(r.value, def)}\n\n${definitionText(def)}` }),
        Plot.ruleX([0]),
      ],
    });
  }, [rows, def, count]);
  return <PlotFigure make={make} testId="gains-losses" />;
}

/** A phased scenario's path: one line per report row across the phases (by date where given). */
export function Timeline({ report, measure }: { report: RunReport; measure: QuantityKey }) {
  const def = report.definitions[measure];
  const make = useCallback(() => {
    const dated = report.phases.every((p) => p.date);
    const points = report.phases.flatMap((phase, k) =>
      phase.summary.map((row) => ({ phase: phase.name, x: dated ? new Date(phase.date!) : k + 1, code: row.code, value: row.values[measure] })),
    );
    return Plot.plot({
      width: 420,
      height: 260,
      x: dated ? { label: "phase from", type: "utc" } : { label: "phase", ticks: report.phases.length },
      y: { label: axisLabel(def), grid: true },
      color: { legend: true },
      marks: [
        Plot.ruleY([0]),
        Plot.line(points, { x: "x", y: "value", stroke: "code", curve: "step-after" }),
        Plot.dot(points, { x: "x", y: "value", fill: "code", title: (p: (typeof points)[number]) => `${p.code}, ${p.phase}: ${formatValue(p.value, def)}\n\n${definitionText(def)}` }),
      ],
    });
  }, [report, measure, def]);
  return <PlotFigure make={make} testId="timeline" />;
}
