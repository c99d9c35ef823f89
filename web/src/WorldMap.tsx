import * as Plot from "@observablehq/plot";
import { geoEqualEarth, geoPath } from "d3-geo";
import countries from "i18n-iso-countries";
import { useEffect, useMemo, useRef } from "react";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import world from "world-atlas/countries-110m.json";
import type { QuantityDefinition } from "./api.js";
import { legendCaption, measureScale, toneOf } from "./colors.js";
import { definitionText, formatValue } from "./format.js";
import { ariaGroups } from "./PlotFigure.js";
import { regionResolver } from "./regions.js";

const WIDTH = 960;
const HEIGHT = 470;
const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], { type: "Sphere" });
const path = geoPath(projection);
const outline = path({ type: "Sphere" }) ?? "";
const shapes = feature(topology, topology.objects.countries).features.map((f) => {
  const iso3 = f.id !== undefined ? countries.numericToAlpha3(String(f.id)) : undefined;
  return { d: path(f) ?? "", iso3, name: f.properties?.name ?? "", centroid: path.centroid(f), area: path.area(f) };
});
/** Where a region's label goes: at its largest member's shape. */
const REGION_ANCHOR: Record<string, string> = { EU: "DEU", ROW: "BRA" };

interface Props {
  values: Map<string, number>;
  def: QuantityDefinition | undefined;
  /** Codes the scenario names (report rows, bilateral partners): outlined and labelled with their value. */
  named: string[];
  datasetCodes: string[];
  year: number;
}

/**
 * A choropleth of one measure (world-atlas shapes, numeric codes mapped to ISO alpha-3), coloured by
 * good or bad for the measure on a robust scale (colors.ts). A dataset's regions (EU, ROW) colour
 * their member countries; the named countries are outlined and labelled.
 */
export function WorldMap({ values, def, named, datasetCodes, year }: Props) {
  const legendRef = useRef<HTMLDivElement>(null);
  const resolve = useMemo(() => regionResolver(datasetCodes, year), [datasetCodes, year]);
  const namedSet = useMemo(() => new Set(named), [named]);
  const { scale, extent, clamped } = useMemo(
    () => measureScale([...values.values()], def, named.map((c) => values.get(c) ?? NaN)),
    [values, def, named],
  );
  useEffect(() => {
    const legend = Plot.legend({ color: { ...scale, label: def ? `${def.label} (${def.unit})` : "" }, width: 320 });
    ariaGroups(legend);
    legendRef.current?.replaceChildren(legend);
  }, [scale, def]);
  const labels = named.flatMap((code) => {
    const anchor = shapes.filter((s) => s.iso3 === (REGION_ANCHOR[code] ?? code)).sort((a, b) => b.area - a.area)[0];
    const value = values.get(code);
    if (!anchor || value === undefined || !Number.isFinite(anchor.centroid[0])) return [];
    return [{ code, x: anchor.centroid[0], y: anchor.centroid[1], text: `${code} ${formatValue(value, def)}` }];
  });
  return (
    <figure className="map" data-testid="world-map" data-extent={extent} data-clamped={String(clamped)}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={def ? `World map of ${def.label} (${def.unit}) by country` : "World map"}>
        <path d={outline} className="sphere" />
        {shapes.map(({ d, iso3, name }, k) => {
          const at = iso3 !== undefined ? resolve(iso3) : undefined;
          const v = at ? values.get(at.code) : undefined;
          const highlighted = at !== undefined && namedSet.has(at.code);
          const fill = v === undefined ? "#d9d9d9" : String(scale.apply(v));
          const title =
            v === undefined
              ? `${name}: not in the dataset`
              : `${name}${at!.region ? ` — part of ${at!.code} (the dataset's region)` : ` (${iso3})`}: ${formatValue(v, def)}\n\n${definitionText(def)}`;
          return (
            <path key={k} d={d} fill={fill} className={highlighted ? "named" : undefined} data-code={iso3} data-region={at?.region ? at.code : undefined} data-tone={v === undefined ? undefined : toneOf(v, def)}>
              <title>{title}</title>
            </path>
          );
        })}
        {labels.map((l) => (
          <text key={l.code} x={l.x} y={l.y} className="map-label" textAnchor="middle" data-label={l.code}>
            {l.text}
          </text>
        ))}
      </svg>
      <figcaption className="legend-caption">{legendCaption(def, extent, clamped)}</figcaption>
      <div ref={legendRef} className="legend" title={definitionText(def)} />
    </figure>
  );
}
