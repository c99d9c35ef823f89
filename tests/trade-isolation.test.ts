import { describe, expect, it } from "vitest";
import { analyseIsolation, levelDeficitSign, proportionalDeficitSign } from "../src/models/tradeIsolation.js";

/**
 * The trade-isolation rules (src/models/tradeIsolation.ts) on hand-drawn trade graphs. A set that can buy
 * nothing from outside has imports 0, so its balance exports − imports = −D pins its exports: D = 0 → they
 * stop; D > 0 → no equilibrium; D < 0 → exports = −D, a finite equilibrium. The mirror for sets that can
 * sell nothing abroad.
 */

/** links[i*N + j] = 1 for every listed "i>j" (i sells to j). */
function graph(N: number, edges: string[]): Uint8Array {
  const links = new Uint8Array(N * N);
  for (const e of edges) {
    const [i, j] = e.split(">").map(Number);
    links[i * N + j] = 1;
  }
  return links;
}
const complete = (N: number, except: (i: number, j: number) => boolean = () => false) =>
  graph(
    N,
    Array.from({ length: N * N }, (_, k) => [Math.floor(k / N), k % N]).filter(([i, j]) => i !== j && !except(i, j)).map(([i, j]) => `${i}>${j}`),
  );
const balanced = levelDeficitSign([0, 0, 0, 0], [1, 1, 1, 1]);

describe("analyseIsolation", () => {
  it("balanced trade, country 0 can buy from nobody: its exports stop too, and it forms its own component", () => {
    const a = analyseIsolation(3, complete(3, (_i, j) => j === 0), balanced);
    expect(a.findings).toEqual([{ members: [0], kind: "exports-stop" }]);
    expect([a.links[1], a.links[2]]).toEqual([0, 0]); // 0 → 1 and 0 → 2 cut
    expect(a.componentCount).toBe(2);
    expect(a.component[1]).toBe(a.component[2]);
    expect(a.component[0]).not.toBe(a.component[1]);
  });

  it("held deficits: a deficit without imports has no equilibrium; a surplus without imports is a finite equilibrium", () => {
    const cutOff = complete(3, (_i, j) => j === 0);
    expect(analyseIsolation(3, cutOff, levelDeficitSign([5, -5, 0], [100, 100, 100])).findings).toEqual([{ members: [0], kind: "no-equilibrium", reason: "deficit-without-imports" }]);
    const surplus = analyseIsolation(3, cutOff, levelDeficitSign([-5, 5, 0], [100, 100, 100]));
    expect(surplus.findings).toEqual([]);
    expect(surplus.componentCount).toBe(1);
  });

  it("the mirror: balanced and unable to sell abroad, imports stop; with a surplus, no equilibrium", () => {
    const cannotSell = complete(3, (i) => i === 2);
    expect(analyseIsolation(3, cannotSell, balanced).findings).toEqual([{ members: [2], kind: "imports-stop" }]);
    expect(analyseIsolation(3, cannotSell, levelDeficitSign([1, 1, -2], [10, 10, 10])).findings).toEqual([{ members: [2], kind: "no-equilibrium", reason: "surplus-without-exports" }]);
  });

  it("sets of several countries are treated as one: {0, 1} buys from nobody outside, {2, 3} sells to nobody outside", () => {
    // 0 ↔ 1 trade; both sell to 2 and 3, which trade with each other and sell to nobody in {0, 1}. Both
    // descriptions give the same limit (the blocs stop trading); the first set found, in Tarjan's order, is named.
    const links = graph(4, ["0>1", "1>0", "0>2", "1>3", "2>3", "3>2"]);
    const a = analyseIsolation(4, links, balanced);
    expect(a.findings).toEqual([{ members: [2, 3], kind: "imports-stop" }]);
    expect([a.links[0 * 4 + 2], a.links[1 * 4 + 3], a.links[0 * 4 + 1], a.links[2 * 4 + 3]]).toEqual([0, 0, 1, 1]);
    expect(a.componentCount).toBe(2);
  });

  it("cascades: once 0's sales stop, 1 (whose only supplier was 0) can buy nothing either", () => {
    const links = graph(3, ["0>1", "1>2", "2>1"]); // 0 buys from nobody; 1 buys only from 0 and 2; 2 buys from 1
    const a = analyseIsolation(3, links, balanced);
    expect(a.findings[0]).toEqual({ members: [0], kind: "exports-stop" });
    expect(a.links[0 * 3 + 1]).toBe(0);
    expect(a.componentCount).toBe(2);
  });

  it("imbalances proportional to income with opposite signs inside a set leave the sign undetermined: no action", () => {
    const links = graph(4, ["0>1", "1>0", "0>2", "1>3", "2>3", "3>2"]); // {0, 1} buys from nobody outside, {2, 3} sells to nobody outside
    expect(analyseIsolation(4, links, proportionalDeficitSign([0.1, -0.1, 0.1, -0.1])).findings).toEqual([]);
    expect(analyseIsolation(4, links, proportionalDeficitSign([0.1, 0.2, 0.1, -0.1])).findings).toEqual([{ members: [0, 1], kind: "no-equilibrium", reason: "deficit-without-imports" }]);
  });
});
