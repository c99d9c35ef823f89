import * as Plot from "@observablehq/plot";
import { useCallback } from "react";
import type { QuantityDefinition, QuantityKey, RunReport } from "./api.js";
import { measureScale } from "./colors.js";
import { axisLabel, definitionText, formatValue } from "./format.js";
import { PlotFigure } from "./PlotFigure.js";

interface Row {
  code: string;
  name: string;
  value: number;
  /** The 5–95% band of the value, when the run solved uncertainty draws. */
  lower?: number;
  upper?: number;
}

const rowLabel = (r: Row) => (r.name && r.name !== r.code ? `${r.code} ${r.name}` : r.code);

/** The largest gains and losses of one measure in one phase, as horizontal bars coloured by good/bad. */
export function GainsLosses({ rows, def, named, count = 10, width = 420 }: { rows: Row[]; def: QuantityDefinition | undefined; named: string[]; count?: number; width?: number }) {
  const make = useCallback(() => {
    const sorted = [...rows].filter((r) => Number.isFinite(r.value)).sort((a, b) => b.value - a.value);
    const picked = sorted.length > 2 * count ? [...sorted.slice(0, count), ...sorted.slice(-count)] : sorted;
    const { scale } = measureScale(rows.map((r) => r.value), def, named.map((c) => rows.find((r) => r.code === c)?.value ?? NaN));
    return Plot.plot({
      width,
      height: 30 + picked.length * 17,
      marginLeft: 150,
      x: { label: axisLabel(def), grid: true },
      y: { label: null, domain: picked.map(rowLabel) },
      marks: [
        Plot.barX(picked, { x: "value", y: rowLabel, fill: (r: Row) => String(scale.apply(r.value)), stroke: (r: Row) => (named.includes(r.code) ? "#111" : "none"), title: (r: Row) => `${r.name}: ${formatValue(r.value, def)}${bandText(r, def)}\n\n${definitionText(def)}` }),
        Plot.ruleX([0]),
        // Error bars: the 5–95% band of each bar (runs with uncertainty draws).
        Plot.ruleY(
          picked.filter((r) => r.lower !== undefined),
          { y: rowLabel, x1: "lower", x2: "upper", stroke: "currentColor", strokeWidth: 1.5 },
        ),
      ],
    });
  }, [rows, def, count, named, width]);
  return <PlotFigure make={make} testId="gains-losses" />;
}

function bandText(r: { lower?: number; upper?: number }, def: QuantityDefinition | undefined): string {
  return r.lower === undefined ? "" : ` (5–95%: ${formatValue(r.lower, def)} to ${formatValue(r.upper, def)})`;
}

/**
 * A phased scenario's path: one line per report row across the phases, which sit evenly on the axis in
 * their order and are labelled by name (and date) — readable when dates are days apart.
 */
export function Timeline({ report, measure, width = 420 }: { report: RunReport; measure: QuantityKey; width?: number }) {
  const def = report.definitions[measure];
  const make = useCallback(() => {
    const labels = report.phases.map((p) => (p.date ? `${p.name} (${p.date.slice(5)})` : p.name));
    const points = report.phases.flatMap((phase, k) =>
      phase.summary.map((row) => ({ phase: labels[k], code: row.code, value: row.values[measure], lower: row.bands?.[measure]?.lower, upper: row.bands?.[measure]?.upper })),
    );
    return Plot.plot({
      width,
      height: 300,
      marginBottom: 90,
      marginLeft: 50,
      x: { label: null, type: "point", domain: labels, tickRotate: -35, padding: 0.3 },
      y: { label: axisLabel(def), grid: true },
      color: { legend: true, type: "categorical" },
      marks: [
        Plot.ruleY([0]),
        // The 5–95% band of each row across the phases (runs with uncertainty draws).
        Plot.areaY(
          points.filter((p) => p.lower !== undefined),
          { x: "phase", y1: "lower", y2: "upper", fill: "code", fillOpacity: 0.15, curve: "step-after" },
        ),
        Plot.line(points, { x: "phase", y: "value", stroke: "code", curve: "step-after" }),
        Plot.dot(points, { x: "phase", y: "value", fill: "code", r: 3.5, title: (p: (typeof points)[number]) => `${p.code}, ${p.phase}: ${formatValue(p.value, def)}${bandText(p, def)}\n\n${definitionText(def)}` }),
      ],
    });
  }, [report, measure, def, width]);
  return <PlotFigure make={make} testId="timeline" />;
}

/** Sector × measure for one country: a cell per (sector, measure), coloured by good/bad for that measure, with its value. */
export function SectorChart({ rows, keys, definitions, width = 640 }: { rows: { code: string; name: string; values: Record<string, number> }[]; keys: string[]; definitions: Record<string, QuantityDefinition>; width?: number }) {
  const make = useCallback(() => {
    const scales = new Map(keys.map((key) => [key, measureScale(rows.map((r) => r.values[key]), definitions[key]).scale]));
    const cells = rows.flatMap((r) => keys.map((key) => ({ sector: `${r.code} ${r.name}`.slice(0, 38), measure: `${definitions[key]?.label ?? key} (${definitions[key]?.unit ?? ""})`, key, value: r.values[key] })));
    return Plot.plot({
      width,
      height: 60 + rows.length * 18,
      marginLeft: 230,
      marginTop: 60,
      x: { label: null, axis: "top", tickRotate: -15 },
      y: { label: null },
      marks: [
        Plot.cell(cells, { x: "measure", y: "sector", fill: (c: (typeof cells)[number]) => String(scales.get(c.key)!.apply(c.value)), inset: 0.5, title: (c: (typeof cells)[number]) => `${c.sector}, ${c.measure}: ${formatValue(c.value, definitions[c.key])}\n\n${definitionText(definitions[c.key])}` }),
        Plot.text(cells, { x: "measure", y: "sector", text: (c: (typeof cells)[number]) => formatValue(c.value, definitions[c.key]), fontSize: 10 }),
      ],
    });
  }, [rows, keys, definitions, width]);
  return <PlotFigure make={make} testId="sector-chart" />;
}
