/**
 * Standard country groups by ISO alpha-3 code, membership as of 2025, for the datasets built from
 * ../shared/data/tariffwar (the same lists as world-2023, plus Timor-Leste in ASEAN).
 */
const EU27 = ["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"];
/** The ten members of 1999 and Timor-Leste, admitted in October 2025. */
const ASEAN = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS"];
export const COUNTRY_GROUPS: Record<string, { members: string[]; note: string }> = {
  EU27: { members: EU27, note: "the 27 member states of the European Union" },
  ASEAN: { members: ASEAN, note: "the ten members of 1999 and Timor-Leste (admitted October 2025)" },
  G7: { members: ["CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"], note: "the Group of Seven (the EU, a non-enumerated member, is not included)" },
  USMCA: { members: ["USA", "CAN", "MEX"], note: "United States–Mexico–Canada Agreement" },
  CPTPP: { members: ["AUS", "BRN", "CAN", "CHL", "JPN", "MYS", "MEX", "NZL", "PER", "SGP", "VNM", "GBR"], note: "the eleven signatories and the United Kingdom (member since 15 December 2024)" },
  RCEP: { members: ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "AUS", "CHN", "JPN", "KOR", "NZL"], note: "the ten ASEAN members of 2020 and Australia, China, Japan, Korea, New Zealand" },
  BRICS: { members: ["BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE", "IDN"], note: "the original five, the members admitted in 2024 (Egypt, Ethiopia, Iran, United Arab Emirates) and Indonesia (2025); Saudi Arabia has not confirmed membership" },
};

/**
 * The groups restricted to the dataset's countries, and for each group the sentence naming the
 * members that are not separate economies of the dataset (they are part of its ROW).
 */
export function groupsIn(codes: string[]): { groups: [string, string[]][]; notes: string[] } {
  const present = new Set(codes);
  const groups: [string, string[]][] = [];
  const notes: string[] = [];
  for (const [name, { members, note }] of Object.entries(COUNTRY_GROUPS)) {
    const inData = members.filter((m) => present.has(m));
    const inRow = members.filter((m) => !present.has(m));
    groups.push([name, inData]);
    notes.push(`Group ${name} (${note}): ${inData.length} of ${members.length} members are economies of the dataset` + (inRow.length ? `; ${inRow.join(", ")} ${inRow.length === 1 ? "is" : "are"} part of ROW.` : "."));
  }
  return { groups, notes };
}
