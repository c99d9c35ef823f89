import { describe, expect, it } from "vitest";
import { decodeResults, encodeResults } from "../../src/sweep/distributed/protocol.js";
import type { CellLayout, PointResult } from "../../src/sweep/pointResult.js";

// A chunk's results travel through Redis as JSON (sweep/distributed/protocol.ts): layouts once, values as the
// base64 of their little-endian IEEE-754 bits. What arrives must be what was solved, bit for bit.

const layout: CellLayout = { rows: ["JPN", "USA", "WORLD"], keys: ["welfareChangePct", "welfareChangePct", "realWageChangePct"] };
const other: CellLayout = { rows: ["CHN"], keys: ["welfareChangePct"] };

/** Values whose decimal forms JSON would not keep exactly, or at all: −0, the smallest subnormal, 0.1 + 0.2, the largest double. */
const awkward = [-0, Number.MIN_VALUE, 0.1 + 0.2, Number.MAX_VALUE, -1 / 3];

function results(): PointResult[] {
  return [
    {
      point: 7,
      converged: true,
      phases: [
        { phase: "tariffs", converged: true, iterations: 5, residual: 2.5e-13, layout, values: Float64Array.from(awkward.slice(0, 3)) },
        { phase: "deal", converged: false, iterations: 50, residual: 0.03, layout: other, values: Float64Array.of(awkward[3]) },
      ],
    },
    { point: 8, converged: true, phases: [{ phase: "tariffs", converged: true, iterations: 4, residual: 1e-14, layout, values: Float64Array.from(awkward.slice(2, 5)) }] },
    { point: 9, converged: false, error: "trade elasticity −0.4 is outside (0, ∞)", phases: [] },
  ];
}

const bitsOf = (values: Float64Array) => [...new BigUint64Array(Float64Array.from(values).buffer)].map((b) => b.toString(16));

describe("a chunk's results through JSON", () => {
  it("arrive bit for bit (−0 and subnormals included), each layout sent once", () => {
    const sent = results();
    const encoded = JSON.parse(JSON.stringify(encodeResults(sent)));
    expect(encoded.layouts).toEqual([layout, other]);
    const received = decodeResults(encoded);
    expect(received.map((r) => [r.point, r.converged, r.error])).toEqual(sent.map((r) => [r.point, r.converged, r.error]));
    for (let p = 0; p < sent.length; p++) {
      expect(received[p].phases.length).toBe(sent[p].phases.length);
      sent[p].phases.forEach((phase, k) => {
        const got = received[p].phases[k];
        expect({ ...got, values: bitsOf(got.values) }).toEqual({ ...phase, values: bitsOf(phase.values) });
      });
    }
    expect(Object.is(received[0].phases[0].values[0], -0)).toBe(true);
    // The two points' "tariffs" phases share one layout object again.
    expect(received[1].phases[0].layout).toBe(received[0].phases[0].layout);
  });

  it("a malformed chunk is an error that says what is wrong", () => {
    const encoded = encodeResults(results());
    expect(() => decodeResults({ ...encoded, layouts: [] })).toThrow("point 7: layout 0");
    const short = structuredClone(encoded);
    short.points[0].phases[0].values = Buffer.alloc(16).toString("base64");
    expect(() => decodeResults(short)).toThrow("point 7, phase tariffs: 16 bytes for 3 values");
    expect(() => decodeResults({} as never)).toThrow("no layouts or points");
  });
});
