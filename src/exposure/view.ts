import { compensatedSum } from "../util/sum.js";
import { topChokepoints } from "./chokepoints.js";
import type { AccountingChecks, ExposureTables } from "./types.js";

/**
 * What the `exposure` command shows: rows selected from one or more states of the world (the data
 * year; or a scenario's before and after per phase), each row carrying one value per state so tables
 * can put them side by side. Every value key is defined in report/registry.ts. JSON-serialisable.
 */
export interface ExposureSelection {
  /** Focus country code (the importer whose exposure is shown). */
  country?: string;
  /** Supplier country code; without it, the sector table shows all foreign suppliers together. */
  supplier?: string;
  /** Sector codes to show (user sectors in the exposure table, supplier sectors in chokepoints and import sources). */
  sectors?: string[];
  /** Rows in ranked tables. */
  top: number;
}

export interface ExposureView {
  states: string[];
  method: ExposureTables["method"];
  checks: AccountingChecks[];
  /** TiVA by country: values[key][state]. */
  tiva: { code: string; values: Record<string, number[]> }[];
  focus?: {
    country: string;
    supplier: string;
    /** Value added by origin country in the focus country's final demand (vaOriginShare). */
    origins: { origin: string; values: number[] }[];
    /** Exposure of each of the focus country's sectors to the supplier. */
    sectors: { sector: string; values: Record<string, number[]> }[];
    /** Largest chokepoints (ranked in the first state), chokepointOutputShare per state. */
    chokepoints: { supplier: string; sector: string; values: number[] }[];
    /** The focus country's sources of the selected sectors, importSourceShare per state. */
    importSources: { sector: string; supplier: string; values: number[] }[];
  };
  warnings: string[];
}

/** Inputs of `importSources`: π of each state, [(s*N + i)*N + j] (tariff-inclusive shares). */
export type SpendingShares = Float64Array;

/** Tariff-inclusive spending shares π[(s*N + i)*N + j] from tariff-exclusive flows and tariffs. */
export function spendingShares(flows: Float64Array, tariffs: Float64Array, N: number, S: number): SpendingShares {
  const shares = new Float64Array(S * N * N);
  const column = new Float64Array(N);
  for (let s = 0; s < S; s++)
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < N; i++) column[i] = flows[(s * N + i) * N + j] * (1 + tariffs[(s * N + i) * N + j]);
      const total = compensatedSum(column);
      if (total > 0) for (let i = 0; i < N; i++) shares[(s * N + i) * N + j] = column[i] / total;
    }
  return shares;
}

/**
 * Selects the rows to show. `states` are exposure tables of the same dataset (same countries and
 * sectors), `shares` their spending shares; codes in `selection` must already be checked.
 */
export function exposureView(names: string[], states: ExposureTables[], shares: SpendingShares[], selection: ExposureSelection): ExposureView {
  const first = states[0];
  const { N, S, countries, sectors } = first;
  const NS = N * S;
  const each = (f: (t: ExposureTables, k: number) => number) => states.map(f);

  const tiva = countries.map((code, c) => ({
    code,
    values: {
      foreignVaInExports: each((t) => t.tiva.foreignValueAddedInExports[c]),
      foreignVaShareOfExports: each((t) => ratio(t.tiva.foreignValueAddedInExports[c], t.tiva.grossExports[c])),
      domesticVaInForeignFinalDemand: each((t) => t.tiva.domesticValueAddedInForeignFinalDemand[c]),
    },
  }));

  let focus: ExposureView["focus"];
  if (selection.country !== undefined) {
    const n = countries.indexOf(selection.country);
    const supplier = selection.supplier === undefined ? -1 : countries.indexOf(selection.supplier);
    const sectorSet = selection.sectors?.length ? new Set(selection.sectors.map((code) => sectors.indexOf(code))) : undefined;
    const userSectors = sectorSet ? [...sectorSet] : [...Array(S).keys()];

    const originShare = (t: ExposureTables, i: number) => {
      let va = 0;
      for (let k = 0; k < S; k++) va += t.valueAddedOrigin[(i * S + k) * N + n];
      return ratio(va, t.finalDemandTotal[n]);
    };
    const byOrigin = [...Array(N).keys()].sort((a, b) => originShare(first, b) - originShare(first, a) || a - b);
    const shown = byOrigin.slice(0, selection.top);
    if (supplier >= 0 && !shown.includes(supplier)) shown.push(supplier);
    const origins = shown.map((i) => ({ origin: countries[i], values: each((t) => originShare(t, i)) }));

    // Exposure of (n,j) to the supplier, or to all foreign countries together.
    const suppliers = supplier >= 0 ? [supplier] : [...Array(N).keys()].filter((i) => i !== n);
    const bySupplier = (t: ExposureTables, array: Float64Array, j: number) => suppliers.reduce((sum, i) => sum + array[i * NS + n * S + j], 0);
    const sectorRows = userSectors.map((j) => ({
      sector: sectors[j],
      values: {
        directExposure: each((t) => bySupplier(t, t.directExposure, j)),
        totalExposure: each((t) => bySupplier(t, t.totalExposure, j)),
        vaContentShare: each((t) => bySupplier(t, t.valueAddedContent, j)),
      },
    }));

    // Ranked over every foreign supplier of the selected sectors (alternatives to the supplier show up), plus the supplier's own rows.
    const keep = (i: number, k: number) => i !== n && (!sectorSet || sectorSet.has(k));
    const ranked = topChokepoints(first.chokepoints, n, N, S, selection.top, keep);
    if (supplier >= 0 && supplier !== n) {
      for (const row of topChokepoints(first.chokepoints, n, N, S, S, (i, k) => i === supplier && keep(i, k))) {
        if (!ranked.some((r) => r.supplier === row.supplier && r.sector === row.sector)) ranked.push(row);
      }
    }
    const chokepoints = ranked.map((row) => ({
      supplier: countries[row.supplier],
      sector: sectors[row.sector],
      values: each((t) => t.chokepoints[n * NS + row.supplier * S + row.sector]),
    }));

    const importSources: { sector: string; supplier: string; values: number[] }[] = [];
    for (const s of sectorSet ? [...sectorSet] : []) {
      const order = [...Array(N).keys()].sort((a, b) => shares[0][(s * N + b) * N + n] - shares[0][(s * N + a) * N + n] || a - b);
      const listed = order.slice(0, selection.top);
      if (supplier >= 0 && !listed.includes(supplier)) listed.push(supplier);
      for (const i of listed) importSources.push({ sector: sectors[s], supplier: countries[i], values: shares.map((pi) => pi[(s * N + i) * N + n]) });
    }
    focus = { country: countries[n], supplier: supplier >= 0 ? countries[supplier] : "all foreign", origins, sectors: sectorRows, chokepoints, importSources };
  }
  return {
    states: names,
    method: first.method,
    checks: states.map((t) => t.checks),
    tiva,
    focus,
    warnings: [...new Set(states.flatMap((t) => t.warnings))],
  };
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}
