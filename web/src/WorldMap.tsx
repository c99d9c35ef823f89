import * as Plot from "@observablehq/plot";
import { geoEqualEarth, geoPath } from "d3-geo";
import countries from "i18n-iso-countries";
import { useEffect, useMemo, useRef } from "react";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import world from "world-atlas/countries-110m.json";
import type { QuantityDefinition } from "./api.js";
import { definitionText, formatValue } from "./format.js";

const WIDTH = 960;
const HEIGHT = 470;
const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const shapes = feature(topology, topology.objects.countries).features.map((f) => ({
  feature: f,
  iso3: f.id !== undefined ? countries.numericToAlpha3(String(f.id)) : undefined,
  name: f.properties?.name ?? "",
}));
const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], { type: "Sphere" });
const path = geoPath(projection);
const outline = path({ type: "Sphere" }) ?? "";

/** A choropleth of one measure by ISO alpha-3 code (world-atlas shapes, numeric codes mapped to alpha-3). */
export function WorldMap({ values, def }: { values: Map<string, number>; def: QuantityDefinition | undefined }) {
  const legendRef = useRef<HTMLDivElement>(null);
  const color = useMemo(() => {
    const extent = Math.max(1e-9, ...[...values.values()].map(Math.abs));
    return Plot.scale({ color: { type: "diverging", scheme: "RdBu", domain: [-extent, extent], pivot: 0 } });
  }, [values]);
  useEffect(() => {
    const legend = Plot.legend({ color: { ...color, label: def ? `${def.label} (${def.unit})` : "" }, width: 320 });
    legendRef.current?.replaceChildren(legend);
  }, [color, def]);
  return (
    <figure className="map" data-testid="world-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={def ? `Map of ${def.label}` : "Map"}>
        <path d={outline} className="sphere" />
        {shapes.map(({ feature: f, iso3, name }, k) => {
          const v = iso3 !== undefined ? values.get(iso3) : undefined;
          return (
            <path key={k} d={path(f) ?? ""} fill={v === undefined ? "#ddd" : String(color.apply(v))} stroke="#fff" strokeWidth={0.4} data-code={iso3}>
              <title>{v === undefined ? `${name}: not in the dataset` : `${name} (${iso3}): ${formatValue(v, def)}\n\n${definitionText(def)}`}</title>
            </path>
          );
        })}
      </svg>
      <div ref={legendRef} className="legend" title={definitionText(def)} />
    </figure>
  );
}
