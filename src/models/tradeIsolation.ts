/**
 * Which countries an embargo cuts off, and what a model with held (or zero) trade imbalances must make
 * of it — shared by every model (Caliendo–Parro, Liberation Day, the structural-gravity models).
 *
 * Budget logic: a set of countries C that can buy nothing from outside C (a "source" of the trade graph)
 * has imports_C = 0, so its trade balance exports_C − imports_C = −D_C pins its exports: with D_C = 0
 * (balanced trade) C can sell nothing abroad either — in the model's limit C's relative price runs to
 * infinity until foreigners buy nothing from it. Solving the equations as they stand then drifts
 * towards that corner, where every other country's wage falls towards 0 in the world numeraire (the
 * Caliendo–Parro `embargo importer: JPN, exporter: all` bug). The limit itself is well defined: C's
 * exports stop as well, i.e. C trades with nobody. Symmetrically, a set that can sell nothing abroad
 * (a "sink") buys nothing with D_C = 0. With D_C of the wrong sign no equilibrium exists at all (a
 * deficit without imports, a surplus without exports).
 *
 * `analyseIsolation` applies these rules to the strongly connected components of the trade graph until
 * nothing changes, and returns the cuts to make and the connected components that remain: each needs
 * its own numeraire, since prices of countries that do not trade with each other are not tied.
 * (A union of several components that is closed to imports is not checked; a solver that then fails
 * says so as not converged.)
 */

/** What the analysis concluded about one strongly connected set of countries. */
export interface IsolationFinding {
  /** Country indices (dataset order). */
  members: number[];
  /**
   * "exports-stop": it can import nothing and its trade is balanced, so its exports stop too;
   * "imports-stop": the mirror image; "no-equilibrium": its imbalance cannot be financed (see `reason`).
   */
  kind: "exports-stop" | "imports-stop" | "no-equilibrium";
  /** For "no-equilibrium": what cannot hold. */
  reason?: "deficit-without-imports" | "surplus-without-exports" | "imbalance-in-autarky";
}

export interface IsolationAnalysis {
  findings: IsolationFinding[];
  /** links[i*N + j] after the cuts: i can still sell to j (i ≠ j). */
  links: Uint8Array;
  /** component[n]: index of the connected trading component of country n (0, 1, …). */
  component: Int32Array;
  componentCount: number;
}

/**
 * The sign of a set's aggregate trade deficit (imports − exports): −1, 0, +1, or undefined when the
 * model cannot say before solving (e.g. members' imbalances of different signs that scale with their
 * own incomes).
 */
export type DeficitSign = (members: number[]) => -1 | 0 | 1 | undefined;

/**
 * @param N       countries
 * @param canSell canSell[i*N + j] > 0 when exporter i can sell to importer j in some sector (i ≠ j)
 * @param deficitSign the model's imbalance rule
 */
export function analyseIsolation(N: number, canSell: Uint8Array, deficitSign: DeficitSign): IsolationAnalysis {
  const links = Uint8Array.from(canSell);
  for (let n = 0; n < N; n++) links[n * N + n] = 0;
  const findings: IsolationFinding[] = [];
  const settled = new Uint8Array(N);
  for (let round = 0; round < N + 1; round++) {
    let changed = false;
    // Smallest sets first: when a country and the rest of the world cut each other off, the finding names the country.
    const sets = stronglyConnectedSets(N, links).sort((a, b) => a.length - b.length);
    for (const members of sets) {
      if (findings.some((f) => f.kind === "no-equilibrium")) break;
      if (members.every((n) => settled[n])) continue;
      const inside = new Uint8Array(N);
      for (const n of members) inside[n] = 1;
      let buys = false;
      let sells = false;
      for (const i of members)
        for (let j = 0; j < N; j++) {
          if (inside[j]) continue;
          if (links[i * N + j]) sells = true;
          if (links[j * N + i]) buys = true;
        }
      if (buys && sells) continue;
      const sign = deficitSign(members);
      if (!buys && !sells) {
        for (const n of members) settled[n] = 1;
        if (sign !== 0 && sign !== undefined) findings.push({ members, kind: "no-equilibrium", reason: "imbalance-in-autarky" });
        continue;
      }
      if (sign === undefined) continue;
      if (!buys) {
        if (sign > 0) findings.push({ members, kind: "no-equilibrium", reason: "deficit-without-imports" });
        else if (sign === 0) {
          findings.push({ members, kind: "exports-stop" });
          for (const i of members) for (let j = 0; j < N; j++) if (!inside[j]) links[i * N + j] = 0;
          changed = true;
        }
      } else if (sign < 0) findings.push({ members, kind: "no-equilibrium", reason: "surplus-without-exports" });
      else if (sign === 0) {
        findings.push({ members, kind: "imports-stop" });
        for (const i of members) for (let j = 0; j < N; j++) if (!inside[j]) links[j * N + i] = 0;
        changed = true;
      }
    }
    if (!changed || findings.some((f) => f.kind === "no-equilibrium")) break;
  }
  const { component, count } = connectedComponents(N, links);
  return { findings, links, component, componentCount: count };
}

/** A deficit rule for imbalances held in levels (Caliendo–Parro, Liberation Day): the sign of Σ_C D, zero within `relativeTolerance` of Σ|income|. */
export function levelDeficitSign(deficits: ArrayLike<number>, scale: ArrayLike<number>, relativeTolerance = 1e-9): DeficitSign {
  return (members) => {
    let sum = 0;
    let size = 0;
    for (const n of members) {
      sum += deficits[n];
      size += Math.abs(scale[n]);
    }
    return Math.abs(sum) <= relativeTolerance * size ? 0 : sum > 0 ? 1 : -1;
  };
}

/**
 * A deficit rule for imbalances proportional to each member's own income (E = φ·Y in the gravity
 * models): the set's sign is known only when no two members' imbalances have opposite signs.
 */
export function proportionalDeficitSign(deficitRatios: ArrayLike<number>, relativeTolerance = 1e-9): DeficitSign {
  return (members) => {
    let positive = false;
    let negative = false;
    for (const n of members) {
      if (deficitRatios[n] > relativeTolerance) positive = true;
      else if (deficitRatios[n] < -relativeTolerance) negative = true;
    }
    return positive && negative ? undefined : positive ? 1 : negative ? -1 : 0;
  };
}

/** Strongly connected sets of the directed graph links[i*N + j] (Tarjan, iterative). */
export function stronglyConnectedSets(N: number, links: Uint8Array): number[][] {
  const index = new Int32Array(N).fill(-1);
  const low = new Int32Array(N);
  const onStack = new Uint8Array(N);
  const stack: number[] = [];
  const sets: number[][] = [];
  let counter = 0;
  for (let root = 0; root < N; root++) {
    if (index[root] >= 0) continue;
    const work: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length) {
      const top = work[work.length - 1];
      const v = top[0];
      let next = -1;
      for (let w = top[1]; w < N; w++) {
        if (!links[v * N + w] || w === v) continue;
        if (index[w] < 0) {
          next = w;
          top[1] = w + 1;
          break;
        }
        if (onStack[w]) low[v] = Math.min(low[v], index[w]);
      }
      if (next >= 0) {
        index[next] = low[next] = counter++;
        stack.push(next);
        onStack[next] = 1;
        work.push([next, 0]);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const members: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          members.push(w);
        } while (w !== v);
        sets.push(members.sort((a, b) => a - b));
      }
    }
  }
  return sets;
}

/** Connected components of the undirected version of links (trade in either direction). */
export function connectedComponents(N: number, links: Uint8Array): { component: Int32Array; count: number } {
  const component = new Int32Array(N).fill(-1);
  let count = 0;
  for (let root = 0; root < N; root++) {
    if (component[root] >= 0) continue;
    const queue = [root];
    component[root] = count;
    while (queue.length) {
      const v = queue.pop()!;
      for (let w = 0; w < N; w++) {
        if (component[w] < 0 && (links[v * N + w] || links[w * N + v])) {
          component[w] = count;
          queue.push(w);
        }
      }
    }
    count++;
  }
  return { component, count };
}

/** Members of each component, in dataset order. */
export function componentMembers(component: Int32Array, count: number): number[][] {
  const out: number[][] = Array.from({ length: count }, () => []);
  component.forEach((c, n) => out[c].push(n));
  return out;
}
