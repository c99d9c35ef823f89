import { TradewindsInputError, message, type InputIssue } from "../../messages.js";
import type { DatasetFile } from "../format.js";
import { roundSignificant } from "../write.js";

/**
 * An inter-country input–output table as read from its source layout (OECD ICIO: icio.ts; WIOD WIOT:
 * wiot.ts), countries i, n and industries k, j, at basic prices:
 *
 *   intermediate[(i*S + k)*NS + n*S + j]  Z: sales of (i,k) to industry (n,j) as input
 *   finalUse[(i*S + k)*N + n]             FD: sales of (i,k) to n's final demand, summed over its categories
 *   output[n*S + j]                       OUT: gross output of (n,j)
 *   rowTotal[i*S + k]                     the table's own row total (OUT column, or the output row)
 *   valueAdded[n*S + j]                   value added incl. net taxes on products: OUT − Σ_{i,k} Z, as the table gives it
 */
export interface IoTable {
  countries: string[];
  industries: string[];
  intermediate: Float64Array;
  finalUse: Float64Array;
  output: Float64Array;
  rowTotal: Float64Array;
  valueAdded: Float64Array;
  /** How the source names the row total, for messages ("OUT", "TOT"). */
  rowTotalLabel: string;
}

/** Provenance and wording of the dataset an IO table becomes. */
export interface IoTableMeta {
  source: string;
  name: string;
  year: number;
  units: string;
  title: string;
  sourceText: string;
  licence: string;
  attribution: string;
  /** The first derivation steps: how the source layout was read. */
  read: string[];
  /** How value added + net taxes are formed from the source's rows, e.g. "(VA + TLS)". */
  valueAddedFormula: string;
  notes: string[];
}

/** Relative tolerance of the row-total check: ICIO and WIOD tables balance to rounding (0.1% is far above it). */
const OUTPUT_BALANCE_TOLERANCE = 1e-3;
/** Row totals below this share of the largest output are not checked (rounding dominates them). */
const OUTPUT_BALANCE_FLOOR = 1e-9;

/**
 * The table in the Caliendo–Parro layout, one sourcing pattern per importer and sector for all users:
 *
 *   flows[(k*N + i)*N + n]  = Σ_j Z[(i,k),(n,j)] + FD[(i,k),n]
 *   γ[(n*S + k)*S + j]      = Σ_i Z[(i,k),(n,j)] / OUT[(n,j)]
 *   β[n*S + j]              = value added (with net product taxes) / OUT[(n,j)], so Σ_k γ + β = 1
 *   α[n*S + k]              = Σ_i FD[(i,k),n] / Σ_{i,k} FD[(i,k),n]
 *
 * Checked first: every row's intermediate + final use equals its row total (within 0.1%), naming the row.
 * Final demand summed over its categories that is negative (inventory draw-downs) is set to 0 and counted in the
 * notes (as CP-orig does for α, spec caliendo-parro-and-ossa.md §1.3 step 10); a sector with zero output
 * gets β = 1, γ = 0. No tariffs (IO tables carry none): the baseline is tariff-free.
 */
export function ioTableToDatasetFile(table: IoTable, meta: IoTableMeta): DatasetFile {
  const { countries, industries, intermediate, finalUse: rawFinalUse, output, rowTotal, valueAdded } = table;
  const N = countries.length;
  const S = industries.length;
  const NS = N * S;
  const label = (r: number) => `${countries[Math.floor(r / S)]}_${industries[r % S]}`;
  const issues: InputIssue[] = [];
  const largestOutput = Math.max(...output);
  for (let r = 0; r < NS; r++) {
    let total = 0;
    for (let c = 0; c < NS; c++) total += intermediate[r * NS + c];
    for (let n = 0; n < N; n++) total += rawFinalUse[r * N + n];
    const target = rowTotal[r];
    if (target < OUTPUT_BALANCE_FLOOR * largestOutput) continue;
    if (Math.abs(total - target) > OUTPUT_BALANCE_TOLERANCE * target) {
      issues.push({ source: meta.source, path: label(r), value: "", message: message.icioOutputMismatch(label(r), total, target, table.rowTotalLabel) });
    }
  }
  if (issues.length) throw new TradewindsInputError(issues);
  // Negative summed final demand (inventory draw-downs) → 0, counted.
  const finalUse = Float64Array.from(rawFinalUse);
  let clipped = 0;
  for (let k = 0; k < NS * N; k++) {
    if (finalUse[k] < 0) {
      finalUse[k] = 0;
      clipped++;
    }
  }

  const flows = new Array<number>(S * N * N).fill(0);
  for (let i = 0; i < N; i++)
    for (let k = 0; k < S; k++) {
      const row = i * S + k;
      for (let n = 0; n < N; n++) {
        let sales = finalUse[row * N + n];
        for (let j = 0; j < S; j++) sales += intermediate[row * NS + n * S + j];
        flows[(k * N + i) * N + n] = roundSignificant(sales);
      }
    }
  const inputShares = new Array<number>(N * S * S).fill(0);
  const valueAddedShares = new Array<number>(NS).fill(1);
  const finalShares = new Array<number>(NS).fill(0);
  let zeroOutput = 0;
  const gdp = new Array<number>(N).fill(0);
  for (let n = 0; n < N; n++) {
    for (let j = 0; j < S; j++) {
      const column = n * S + j;
      const out = output[column];
      gdp[n] += valueAdded[column];
      if (!(out > 0)) {
        zeroOutput++;
        continue;
      }
      for (let k = 0; k < S; k++) {
        let used = 0;
        for (let i = 0; i < N; i++) used += intermediate[(i * S + k) * NS + column];
        inputShares[(n * S + k) * S + j] = roundSignificant(used / out);
      }
      valueAddedShares[column] = roundSignificant(valueAdded[column] / out);
    }
    let total = 0;
    const byInput = new Float64Array(S);
    for (let k = 0; k < S; k++) for (let i = 0; i < N; i++) byInput[k] += finalUse[(i * S + k) * N + n];
    for (let k = 0; k < S; k++) total += byInput[k];
    for (let k = 0; k < S; k++) finalShares[n * S + k] = total > 0 ? roundSignificant(byInput[k] / total) : 0;
    gdp[n] = roundSignificant(gdp[n]);
  }
  const deficits = new Array<number>(N).fill(0);
  for (let k = 0; k < S; k++)
    for (let i = 0; i < N; i++)
      for (let n = 0; n < N; n++) {
        if (i === n) continue;
        deficits[n] += flows[(k * N + i) * N + n];
        deficits[i] -= flows[(k * N + i) * N + n];
      }

  return {
    format: "tradewinds-dataset/1",
    meta: {
      name: meta.name,
      title: meta.title,
      year: meta.year,
      units: meta.units,
      source: meta.sourceText,
      licence: meta.licence,
      attribution: meta.attribution,
      derivation: [
        ...meta.read,
        "flows[(k*N+i)*N+n] = Σ_j Z[(i,k),(n,j)] + Σ_f FD[(i,k),(n,f)] (basic prices; domestic included)",
        `io.inputShares γ[(n*S+k)*S+j] = Σ_i Z[(i,k),(n,j)] / OUT[(n,j)]; io.valueAddedShares β = ${meta.valueAddedFormula}/OUT; io.finalShares α = Σ_i FD[(i,k),n] / Σ FD[·,n]`,
        `gdp[n] = Σ_j ${meta.valueAddedFormula}[(n,j)]; deficits = imports − exports from the flows`,
        "numbers rounded to 12 significant digits",
      ],
      notes: [
        "one sourcing pattern per importer and sector for all users (the Caliendo–Parro layout); the table's user-specific sourcing is summed away",
        ...meta.notes,
        "no tariffs: the table carries none; the baseline is tariff-free",
        `${clipped} final-demand cell(s) summed over final-demand columns were negative (inventory draw-downs) and set to 0`,
        `${zeroOutput} country-industry cell(s) with zero output: β = 1, γ = 0`,
      ],
    },
    countries: countries.map((code) => ({ code, name: code === "ROW" ? "Rest of the world" : code })),
    sectors: industries.map((code, k) => {
      let crossBorder = false;
      for (let i = 0; i < N && !crossBorder; i++) for (let n = 0; n < N && !crossBorder; n++) crossBorder = i !== n && flows[(k * N + i) * N + n] > 0;
      return { code, name: code, tradable: crossBorder };
    }),
    flows,
    tariffs: {},
    covariates: {},
    gdp,
    deficits: deficits.map((d) => roundSignificant(d)),
    io: { inputShares, valueAddedShares, finalShares },
    groups: {},
    parameters: {},
  };
}
