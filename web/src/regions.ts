/**
 * Regions of a dataset that stand for many countries on the map: "EU" (gtap-2007 and others: the Union
 * of the dataset's year) and "ROW" (every country the dataset does not list). Their members are coloured
 * with the region's value instead of being left grey.
 */
const EU_2020 = ["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"];

/** EU members in a year: 27 (with the UK, before Croatia) 2007–2012, 28 in 2013–2019, 27 since 2020. */
export function euMembers(year: number): string[] {
  if (year < 2013) return [...EU_2020.filter((c) => c !== "HRV"), "GBR"];
  if (year < 2020) return [...EU_2020, "GBR"];
  return EU_2020;
}

/** For a map shape's ISO3 code: the dataset code whose value it shows (itself, its EU region, or ROW), or undefined. */
export function regionResolver(datasetCodes: string[], year: number): (iso3: string) => { code: string; region: boolean } | undefined {
  const own = new Set(datasetCodes);
  const eu = own.has("EU") ? new Set(euMembers(year)) : undefined;
  const hasRow = own.has("ROW");
  return (iso3) => {
    if (own.has(iso3)) return { code: iso3, region: false };
    if (eu?.has(iso3)) return { code: "EU", region: true };
    if (hasRow) return { code: "ROW", region: true };
    return undefined;
  };
}
