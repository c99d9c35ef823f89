/**
 * A synthetic inter-country input–output table written from known primitives with one sourcing pattern
 * per importer and sector (so the Caliendo–Parro layout loses nothing), for the import tests:
 *
 *   U[n,k,j]  intermediate use of input k by (n,j) = 10 + 5n + 3k + 2j
 *   D[n,k]    final demand of n for k              = 100 + 20n + 10k, split HFCE 3/4, GFCF 1/4
 *   s[n,i,k]  share of n's use of k bought from i  = 0.5 + 0.1k at home, (0.5 − 0.1k)/2 from each of the others
 *   Z[(i,k),(n,j)] = s·U,  FD[(i,k),(n,f)] = s·D·w_f,  OUT = row total,  TLS[(n,j)] = 1 + j,  VA = OUT − Σ_k U − TLS
 *
 * Cells are keyed "row|column" with ICIO labels (COUNTRY_INDUSTRY, COUNTRY_HFCE, TLS, VA, OUT).
 * Industry B05_06 contains an underscore, as ICIO 2023 codes do.
 */
export const COUNTRIES = ["JPN", "CHN", "ROW"];
export const INDUSTRIES = ["B05_06", "C24"];
export const N = 3;
export const S = 2;
export const FINAL = [
  ["HFCE", 0.75],
  ["GFCF", 0.25],
] as const;

export const use = (n: number, k: number, j: number) => 10 + 5 * n + 3 * k + 2 * j;
export const demand = (n: number, k: number) => 100 + 20 * n + 10 * k;
export const source = (n: number, i: number, k: number) => (i === n ? 0.5 + 0.1 * k : (0.5 - 0.1 * k) / 2);
export const taxes = (j: number) => 1 + j;

export interface Grid {
  rows: string[];
  columns: string[];
  cells: Map<string, number>;
}

export function syntheticGrid(): Grid {
  const label = (n: number, k: number) => `${COUNTRIES[n]}_${INDUSTRIES[k]}`;
  const cells = new Map<string, number>();
  const set = (r: string, c: string, v: number) => cells.set(`${r}|${c}`, (cells.get(`${r}|${c}`) ?? 0) + v);
  const output = new Map<string, number>();
  for (let i = 0; i < N; i++)
    for (let k = 0; k < S; k++) {
      let total = 0;
      for (let n = 0; n < N; n++) {
        for (let j = 0; j < S; j++) {
          const z = source(n, i, k) * use(n, k, j);
          set(label(i, k), label(n, j), z);
          total += z;
        }
        for (const [f, w] of FINAL) {
          const fd = source(n, i, k) * demand(n, k) * w;
          set(label(i, k), `${COUNTRIES[n]}_${f}`, fd);
          total += fd;
        }
      }
      set(label(i, k), "OUT", total);
      output.set(label(i, k), total);
    }
  for (let n = 0; n < N; n++)
    for (let j = 0; j < S; j++) {
      const out = output.get(label(n, j))!;
      let inputs = 0;
      for (let k = 0; k < S; k++) inputs += use(n, k, j);
      set("TLS", label(n, j), taxes(j));
      set("VA", label(n, j), out - inputs - taxes(j));
      set("OUT", label(n, j), out);
    }
  const rows = [...COUNTRIES.flatMap((_, i) => INDUSTRIES.map((__, k) => label(i, k))), "TLS", "VA", "OUT"];
  const columns = [...COUNTRIES.flatMap((_, n) => INDUSTRIES.map((__, j) => label(n, j))), ...COUNTRIES.flatMap((c) => FINAL.map(([f]) => `${c}_${f}`)), "OUT"];
  return { rows, columns, cells };
}

