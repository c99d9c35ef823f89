/**
 * The three observation passes of a Gauss–Seidel sweep over C interleaved columns ([n·C + c];
 * projectFixedEffects.ts), with the loop over the C columns written out C times. V8 runs a loop with a
 * small variable trip count inside a hot loop at about a third of the speed of the same statements
 * written out (1.8 vs 0.5 ns per observation and column, 28k observations, C = 5, measured), so the
 * passes are generated once per C with `new Function` from fixed templates — only the integer C and
 * the column index are interpolated, never data or user input. The generated functions are pure and are
 * kept for the process (`compiled`, the module's one piece of state, a memo): a fresh copy per fit would
 * start cold in the interpreter each time (the vcov projection's 37 sweeps took 300 ms that way, 40 warm).
 *
 *   firstPass  shift[slot_n + c] += ω_n (v − fitted)[n·C + c]                    (factor 0's sums)
 *   fusedPass  u = source + shift[previous_n + c]; next = u; shift[slot_n + c] += ω_n (v − u)
 *              (factor f − 1's update fused with factor f's sums)
 *   lastPass   u = source + shift[slot_n + c]; next = u; change[c] += ω_n (u − fitted)²
 *
 * and two passes of a projection's bookkeeping, for the same reason:
 *
 *   addLevels    fitted[n·C + c] += coefficients[slot_n + c]                       (D α from a warm start, one factor)
 *   extrapolate  fitted[n·C + c] −= step[c] (fitted − other)[n·C + c]               (D α follows α's Irons–Tuck step)
 */
export interface SweepKernels {
  firstPass(count: number, weights: Float64Array, slot: Int32Array, values: Float64Array, fitted: Float64Array, shift: Float64Array): void;
  fusedPass(count: number, weights: Float64Array, previousSlot: Int32Array, slot: Int32Array, values: Float64Array, source: Float64Array, next: Float64Array, shift: Float64Array): void;
  lastPass(count: number, weights: Float64Array, slot: Int32Array, source: Float64Array, next: Float64Array, fitted: Float64Array, shift: Float64Array, change: Float64Array): void;
  addLevels(count: number, slot: Int32Array, coefficients: Float64Array, fitted: Float64Array): void;
  extrapolate(count: number, step: Float64Array, fitted: Float64Array, other: Float64Array): void;
}

const compiled = new Map<number, SweepKernels>();

export function sweepKernels(columns: number): SweepKernels {
  let kernels = compiled.get(columns);
  if (!kernels) {
    kernels = generateKernels(columns);
    compiled.set(columns, kernels);
  }
  return kernels;
}

function generateKernels(columns: number): SweepKernels {
  if (!Number.isInteger(columns) || columns < 1) throw new Error(`internal: sweep kernels for ${columns} columns`);
  const each = (statement: (c: number) => string) => Array.from({ length: columns }, (_, c) => statement(c)).join("\n");
  const loop = (head: string, body: string) => `for (let n = 0, at = 0; n < count; n++, at += ${columns}) {\n const w = weights[n];\n ${head}\n${body}\n}`;
  const firstPass = new Function("count", "weights", "slot", "values", "fitted", "shift", loop("const to = slot[n];", each((c) => `shift[to + ${c}] += w * (values[at + ${c}] - fitted[at + ${c}]);`)));
  const fusedPass = new Function(
    "count",
    "weights",
    "previousSlot",
    "slot",
    "values",
    "source",
    "next",
    "shift",
    loop(
      "const from = previousSlot[n]; const to = slot[n];",
      each((c) => `{ const u = source[at + ${c}] + shift[from + ${c}]; next[at + ${c}] = u; shift[to + ${c}] += w * (values[at + ${c}] - u); }`),
    ),
  );
  const lastPass = new Function(
    "count",
    "weights",
    "slot",
    "source",
    "next",
    "fitted",
    "shift",
    "change",
    `${each((c) => `let s${c} = 0;`)}\n` +
      loop("const from = slot[n];", each((c) => `{ const u = source[at + ${c}] + shift[from + ${c}]; next[at + ${c}] = u; const d = u - fitted[at + ${c}]; s${c} += w * d * d; }`)) +
      `\n${each((c) => `change[${c}] = s${c};`)}`,
  );
  const addLevels = new Function(
    "count",
    "slot",
    "coefficients",
    "fitted",
    `for (let n = 0, at = 0; n < count; n++, at += ${columns}) {\n const from = slot[n];\n${each((c) => `fitted[at + ${c}] += coefficients[from + ${c}];`)}\n}`,
  );
  const extrapolate = new Function(
    "count",
    "step",
    "fitted",
    "other",
    `${each((c) => `const s${c} = step[${c}];`)}\nfor (let n = 0, at = 0; n < count; n++, at += ${columns}) {\n${each((c) => `fitted[at + ${c}] -= s${c} * (fitted[at + ${c}] - other[at + ${c}]);`)}\n}`,
  );
  return { firstPass, fusedPass, lastPass, addLevels, extrapolate } as SweepKernels;
}
