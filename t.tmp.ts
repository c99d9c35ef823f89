import { runScenario } from "./src/run.js";
const text = `
name: kite
dataset: wiod-2014
model: { type: caliendo-parro, deficits: held }
report: { countries: [CHN, USA, JPN, MEX] }
phases:
  - name: factual
    shocks: []
  - name: us-china-25
    shocks:
      - { type: tariff, importer: USA, exporter: CHN, sectors: [C01,C02,C03,C04,C05,C06,C07,C08,C09,C10,C11,C12,C13,C14,C15,C16,C17,C18,C19,C20,C21,C22], set: "25%" }
      - { type: tariff, importer: CHN, exporter: USA, sectors: [C01,C02,C03,C04,C05,C06,C07,C08,C09,C10,C11,C12,C13,C14,C15,C16,C17,C18,C19,C20,C21,C22], set: "25%" }
`;
const t0 = performance.now();
const r = runScenario(text);
console.log("ms", performance.now() - t0);
for (const p of r.phases) {
  console.log(p.name, p.converged, p.solver.iterations, p.solver.residual);
  for (const c of p.countries) console.log(c.code, c.values.realIncomeChangePct, c.values.welfareChangePct);
}
console.log(r.warnings);
