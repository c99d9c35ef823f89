import { describe, expect, it } from "vitest";
import type { PhaseReport } from "../../src/report/types.js";
import { runScenario } from "../../src/run.js";
import { expectClose } from "../support/expectClose.js";
import { handDataset } from "../support/handDataset.js";

/**
 * Two-country closed forms of the deal instruments in the one-sector Armington / Eaton–Kortum model (issue 11),
 * derived by hand for two identical countries A and B (domestic sales D = 80, trade M = 20 each way, Y = 100,
 * λ_AA = 0.8, λ_BA = 0.2, trade elasticity θ = 4) with the same instrument on both import flows, so that by
 * symmetry the wage is the same in both:
 *
 * Caliendo–Parro (S = 1, no input–output links; numeraire world value added, so ŵ = 1):
 *   quota Q (rent importer): X′ = Q, E′ = Y + tQ, π′_BA = (1 + t)Q ⁄ E′ and π′_BA ⁄ π′_AA = (M ⁄ D)(1 + t)^(−θ) give
 *       (1 + t)^(1 + θ) = (M ⁄ D)(Y − Q) ⁄ Q;   welfare Ê ⁄ P̂ with Ê = (Y + tQ) ⁄ Y, P̂ = (λ_AA + λ_BA(1 + t)^(−θ))^(−1/θ).
 *   export restriction to Q (rent exporter): the same, each exporter earning xQ where the importer earned tQ.
 *   commitment F > M: π′_BA = aλ_BA ⁄ (λ_AA + aλ_BA) = F ⁄ Y gives a = F·D ⁄ (M·(Y − F)); prices do not move, and
 *       welfare with the original preferences is 1 ⁄ P̂_true, P̂_true = (λ_AA(π′_AA ⁄ λ_AA)^ρ + λ_BA(π′_BA ⁄ λ_BA)^ρ)^(−1/ρ), ρ = θ ⁄ (θ + 1).
 *   tariff-rate quota (in-quota 0, out-of-quota 10%): the flow at tariff t is F(t) = sY ⁄ (1 + t − st), s = π′_BA(t);
 *       Q < F(10%): the out-of-quota rate applies (rent 0.1·Q); F(10%) < Q < M: the quota binds with t from the quota
 *       formula; Q > M: the in-quota rate, no change.
 * Liberation Day, Eaton–Kortum variant (φ = 1, ν = 0, κ = 0, ψ = 0, lump sum): the price index is the numeraire
 *   (P̂ = 1), so ŵ = (λ_AA + λ_BA(1 + t)^(−θ))^(1/θ) and the quota's t solves s(t)(ŵY + tQ) ⁄ (1 + t) = Q (bisection
 *   below, not the model's code); welfare (ŵY + tQ) ⁄ Y. A commitment F solves P̂_true = 1 for ŵ, welfare ŵ.
 */

const D = 80;
const M = 20;
const Y = D + M;
const THETA = 4;
const lAA = D / Y;
const lBA = M / Y;

/** The model solves to 1e-12 (Caliendo–Parro's tolerance set below; Liberation Day's own): rates and welfare to 1e-8. */
const TOL_RATE = 1e-8;
const TOL_WELFARE_PCT = 1e-8;

const data = () => handDataset(["AAA", "BBB"], [D, M, M, D]);
const cpModel = `{ type: caliendo-parro, tradeElasticity: ${THETA}, tolerance: 1e-12 }`;
const ldModel = `{ type: liberation-day, variant: eaton-kortum, tradeElasticity: ${THETA}, laborSupplyElasticity: 0, scaleElasticityNumerator: 0, revenue: lump-sum }`;

function solve(model: string, shock: string): PhaseReport {
  const text = ["name: closed form", "dataset: hand", `model: ${model}`, "report: { countries: [AAA, BBB], bilateral: [[BBB, AAA]] }", "phases:", "  - name: p", `    shocks: [${shock}]`].join("\n");
  const phase = runScenario(text, { dataset: data() }).phases[0];
  expect(phase.converged).toBe(true);
  return phase;
}

/** The headline welfare of country AAA: the exact real-income change in every model. */
const welfareOf = (phase: PhaseReport) => phase.countries[0].values.welfareChangePct;
const both = "importer: all, exporter: all, per: partner";
const quotaRate = (Q: number) => Math.pow(((M / D) * (Y - Q)) / Q, 1 / (1 + THETA)) - 1;
const priceIndex = (t: number) => Math.pow(lAA + lBA * Math.pow(1 + t, -THETA), -1 / THETA);
const rho = THETA / (THETA + 1);
const trueIndex = (share: number, priceChange = 1) => Math.pow(lAA * Math.pow((1 - share) / lAA / priceChange, rho) + lBA * Math.pow(share / lBA / priceChange, rho), -1 / rho);

function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let [a, b] = [lo, hi];
  for (let k = 0; k < 200; k++) {
    const mid = (a + b) / 2;
    if (Math.sign(f(mid)) === Math.sign(f(a))) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

describe("caliendo-parro, two identical countries, one sector", () => {
  it("a quota at half the flow: t = ((M/D)(Y − Q)/Q)^(1/(1+θ)) − 1 and welfare (Y + tQ)/(Y·P̂) − 1", () => {
    const Q = 0.5 * M;
    const t = quotaRate(Q);
    const phase = solve(cpModel, `{ type: quota, ${both}, share: 0.5 }`);
    for (const i of phase.instruments!) expectClose(i.values.instrumentWedgeRate, t, TOL_RATE, `tariff-equivalent of ${i.label}`);
    expectClose(welfareOf(phase), 100 * ((Y + t * Q) / Y / priceIndex(t) - 1), TOL_WELFARE_PCT, "welfare of AAA");
    expectClose(phase.instruments![0].values.instrumentRent, t * Q, 1e-9 * Y, "rent t·Q");
  });

  it("an export restriction cutting the flow by half has the quota's rate as an export tax and the same welfare", () => {
    const Q = 0.5 * M;
    const t = quotaRate(Q);
    const phase = solve(cpModel, `{ type: export-restriction, ${both}, cut: 0.5 }`);
    for (const i of phase.instruments!) expectClose(i.values.instrumentWedgeRate, t, TOL_RATE, `export-tax equivalent of ${i.label}`);
    expectClose(welfareOf(phase), 100 * ((Y + t * Q) / Y / priceIndex(t) - 1), TOL_WELFARE_PCT, "welfare of AAA");
  });

  it("a commitment to buy F = 30: a = F·D/(M·(Y − F)) and welfare 1/P̂_true − 1 < 0", () => {
    const F = 30;
    const phase = solve(cpModel, `{ type: purchase-commitment, ${both}, value: ${F}, as: floor }`);
    for (const i of phase.instruments!) expectClose(1 + i.values.instrumentWedgeRate, (F * D) / (M * (Y - F)), TOL_RATE, `demand shifter of ${i.label}`);
    const welfare = 100 * (1 / trueIndex(F / Y) - 1);
    expect(welfare).toBeLessThan(0);
    expectClose(welfareOf(phase), welfare, TOL_WELFARE_PCT, "welfare of AAA");
  });

  it("a tariff-rate quota (0% in, 10% out): the out-of-quota rate, the quota itself, or the in-quota rate, as Q says", () => {
    const share = (t: number) => (lBA * Math.pow(1 + t, -THETA)) / (lAA + lBA * Math.pow(1 + t, -THETA));
    const flowAt = (t: number) => (share(t) * Y) / (1 + t - share(t) * t);
    const trq = (Q: number) => solve(cpModel, `{ type: tariff-rate-quota, ${both}, value: ${Q}, inQuota: 0, outOfQuota: 0.1 }`);
    // Q = 5 < F(10%): imports exceed the quota at the out-of-quota rate — that rate applies, the licence rent is 0.1·Q.
    const above = trq(5);
    expect(flowAt(0.1)).toBeGreaterThan(5);
    expect(above.instruments![0].values.instrumentWedgeRate).toBe(0.1);
    expectClose(above.instruments![0].values.instrumentRent, 0.1 * 5, 1e-9 * Y, "licence rent (t_out − t_in)·Q");
    expectClose(welfareOf(above), 100 * ((Y + 0.1 * flowAt(0.1)) / Y / priceIndex(0.1) - 1), TOL_WELFARE_PCT, "welfare at the out-of-quota rate");
    // F(10%) < Q = 16 < M: imports sit at the quota with the quota's rate, between the two.
    const at = trq(16);
    const t = quotaRate(16);
    expect(t).toBeGreaterThan(0);
    expect(t).toBeLessThan(0.1);
    expectClose(at.instruments![0].values.instrumentWedgeRate, t, TOL_RATE, "rate at the quota");
    // Q = 25 > M: the quota is never filled; the in-quota rate (0) changes nothing.
    const below = trq(25);
    expect(below.instruments![0].values.instrumentWedgeRate).toBe(0);
    expect(welfareOf(below)).toBe(0);
  });
});

describe("liberation-day (Eaton–Kortum variant), two identical countries", () => {
  it("a quota at half the flow: t solves s(t)(ŵ(t)Y + tQ)/(1 + t) = Q with P̂ = 1; welfare (ŵY + tQ)/Y − 1", () => {
    const Q = 0.5 * M;
    const wage = (t: number) => Math.pow(lAA + lBA * Math.pow(1 + t, -THETA), 1 / THETA);
    const share = (t: number) => (lBA * Math.pow(1 + t, -THETA)) / (lAA + lBA * Math.pow(1 + t, -THETA));
    const t = bisect((x) => (share(x) * (wage(x) * Y + x * Q)) / (1 + x) - Q, 0, 5);
    const phase = solve(ldModel, `{ type: quota, ${both}, share: 0.5 }`);
    for (const i of phase.instruments!) expectClose(i.values.instrumentWedgeRate, t, TOL_RATE, `tariff-equivalent of ${i.label}`);
    expectClose(phase.countries[0].values.welfareChangePct, 100 * ((wage(t) * Y + t * Q) / Y - 1), TOL_WELFARE_PCT, "welfare of AAA");
  });

  it("a commitment to buy F = 30: ŵ solves ŵ·P̂_true(F/(ŵY)) = 1, welfare ŵ − 1", () => {
    const F = 30;
    const wage = bisect((w) => w * trueIndex(F / (w * Y)) - 1, 0.5, 1.5);
    const phase = solve(ldModel, `{ type: purchase-commitment, ${both}, value: ${F}, as: floor }`);
    expectClose(phase.countries[0].values.welfareChangePct, 100 * (wage - 1), TOL_WELFARE_PCT, "welfare of AAA");
    expect(phase.countries[0].values.welfareChangePct).toBeLessThan(0);
  });
});
