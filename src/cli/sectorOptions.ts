import { message } from "../messages.js";
import type { RunReport } from "../report/types.js";

/**
 * `run --country/--sectors` choose sector tables; say so when they would silently do nothing: an unknown
 * country, a model without sector results, or an output format that has no sector tables.
 */
export function sectorOptionWarnings(report: RunReport, opts: { format: string; country?: string; sectors?: boolean }): string[] {
  if (opts.country === undefined && !opts.sectors) return [];
  const option = opts.country !== undefined ? `--country ${opts.country}` : "--sectors";
  if (opts.format !== "table") return [message.optionIgnored(option, `sector tables belong to --format table; ${opts.format} output carries every country's sectors already`)];
  if (report.sectorTableKeys.length === 0) return [message.optionIgnored(option, `model ${report.model.type} reports no sector results`)];
  const codes = report.phases[0]?.countries.map((c) => c.code) ?? [];
  if (opts.country !== undefined && !codes.includes(opts.country)) return [message.countryNotInDataset(opts.country, report.dataset.name, codes)];
  return [];
}
