import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NeumaierSums, compensatedSum } from "../src/util/sum.js";

// Compensated (Neumaier) summation, util/sum.ts: hand cases where plain summation loses the answer, and the
// interleaved form used by report/accountQuantities.ts, which must give the one-array sums bit for bit.

describe("compensated sums", () => {
  it("recover what plain summation rounds away (hand cases)", () => {
    // 1e16 + 1 rounds back to 1e16 in binary64 (ulp 2); the lost 1 comes back in the compensation.
    expect(1e16 + 1 - 1e16).toBe(0);
    expect(compensatedSum([1e16, 1, -1e16])).toBe(1);
    // Ten 0.1s: plain summation gives 0.9999999999999999; the correctly rounded sum of the ten doubles is 1.
    expect([...Array(10)].reduce((s: number) => s + 0.1, 0)).not.toBe(1);
    expect(compensatedSum(new Array(10).fill(0.1))).toBe(1);
  });

  it("NeumaierSums: total n equals compensatedSum of the values given for n, in order, bit for bit (seeded property)", () => {
    const finite = fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), finite), { maxLength: 60 }), (terms) => {
        const sums = new NeumaierSums(4);
        for (const [n, v] of terms) sums.add(n, v);
        const totals = sums.totals();
        for (let n = 0; n < 4; n++) expect(Object.is(totals[n], compensatedSum(terms.filter(([m]) => m === n).map(([, v]) => v)))).toBe(true);
      }),
      { seed: 20261130, numRuns: 500 },
    );
  });

  it("totalsPlus adds two totals without losing their difference (hand case)", () => {
    // Sales changes of +1e16 and +3, purchases' (negated) −1e16 and −1: the net change is 2, which a sum of the two rounded totals loses.
    const sales = new NeumaierSums(1);
    const purchases = new NeumaierSums(1);
    sales.add(0, 1e16);
    sales.add(0, 3);
    purchases.add(0, -1e16);
    purchases.add(0, -1);
    expect(sales.totals()[0] + purchases.totals()[0]).not.toBe(2);
    expect(sales.totalsPlus(purchases)[0]).toBe(2);
  });
});
