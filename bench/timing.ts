/** Runs `f` once to warm up, then `runs` times; returns the wall times in milliseconds. */
export function timeIt(f: () => void, runs: number): number[] {
  f();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  return times;
}

export { median } from "../src/util/median.js";
