/**
 * Examples of every model and every shock type, for starter scenarios (`tradewinds init`, starter.ts) and
 * `tradewinds run --help`: for every model a dataset it runs on and its model section, for every shock type
 * one example. Kept free of the models' code so that help costs nothing to load; tests check that every
 * model of the catalog and every shock type of the schema is here, and that every example validates and runs.
 */

/** Per model: the embedded dataset a starter uses by default, and its model section (YAML flow). */
export const MODEL_STARTERS: Record<string, { dataset: string; model: string; about: string }> = {
  "liberation-day": { dataset: "world-2023", model: "{ type: liberation-day }", about: "one sector, 194 countries: tariffs, retaliation, optimal tariffs (Ignatenko et al. 2025)" },
  "caliendo-parro": { dataset: "cp-1993", model: "{ type: caliendo-parro }", about: "many sectors with input–output links (Caliendo & Parro 2015)" },
  lashkaripour: { dataset: "icio-2022", model: "{ type: lashkaripour }", about: "many sectors, tariff wars and Nash tariffs (Lashkaripour 2021)" },
  gegravity: {
    dataset: "gegravity-2006",
    model: "{ type: gegravity, sigma: 5, reference: DEU, coefficients: { lndist: -0.39, contiguity: 0.89, common_language: 0.03, pta: 0.47, international: -3.41, constant: 16.32 } }",
    about: "one-sector structural gravity with gravity covariates (Herman 2021, gegravity)",
  },
  "advanced-guide": {
    dataset: "ag-2006",
    model: "{ type: advanced-guide, sigma: 7, reference: DEU, regressors: [ln_DIST, CNTG, INTL_BRDR] }",
    about: "structural gravity estimated by PPML, then general equilibrium (Yotov et al. 2016)",
  },
};

/** The model a starter uses for a dataset named without --model. */
export const DEFAULT_STARTER_MODEL = "liberation-day";

/** The countries, sector and names of a dataset that the examples refer to. */
export interface StarterContext {
  importer: string;
  exporter: string;
  /** A sector code, on multi-sector datasets. */
  sector?: string;
  schedule?: string;
  covariate?: string;
}

/** Every shock type with one example on the context's countries (YAML flow) and what it does; undefined where the dataset has nothing to use. */
export function shockExamples(x: StarterContext, model: { exportTaxes: boolean } = { exportTaxes: true }): Record<string, { example?: string; what: string }> {
  const sectors = x.sector ? `, sectors: [${x.sector}]` : "";
  const restrictionRent = model.exportTaxes ? "" : ", rent: importer";
  return {
    tariff: { example: `{ type: tariff, importer: ${x.importer}, exporter: ${x.exporter}${sectors}, set: "10%" }`, what: "set (or add) the tariff an importer levies on an exporter" },
    "tariff-schedule": { example: x.schedule && `{ type: tariff-schedule, schedule: ${x.schedule} }`, what: "apply a tariff set of the dataset (see `tradewinds datasets <name>`)" },
    "trade-cost": { example: `{ type: trade-cost, importer: ${x.importer}, exporter: ${x.exporter}, factor: 1.1 }`, what: "make trade costlier (1.1 = 10%) or cheaper" },
    covariate: { example: x.covariate && `{ type: covariate, name: ${x.covariate}, importer: [${x.importer}, ${x.exporter}], exporter: [${x.importer}, ${x.exporter}], set: 1 }`, what: "set a gravity covariate (e.g. a trade agreement)" },
    embargo: { example: `{ type: embargo, importer: ${x.importer}, exporter: ${x.exporter}${sectors} }`, what: "stop the flows entirely" },
    "optimal-tariff": { example: `{ type: optimal-tariff, importer: ${x.importer} }`, what: "the importer's welfare-maximising uniform tariff (closed form)" },
    "optimal-retaliation": { example: `{ type: optimal-retaliation, against: ${x.importer} }`, what: "everyone's optimal retaliation against one country" },
    "reciprocal-retaliation": { example: `{ type: reciprocal-retaliation, against: ${x.importer} }`, what: "answer a country's tariffs in kind" },
    "nash-tariffs": { example: "{ type: nash-tariffs }", what: "every country at its Nash tariff: a tariff war" },
    "purchase-commitment": { example: `{ type: purchase-commitment, importer: ${x.importer}, exporter: ${x.exporter}${sectors}, increase: "10%" }`, what: "the importer buys more from the exporter (an endogenous demand shifter meets the target)" },
    quota: { example: `{ type: quota, importer: ${x.importer}, exporter: ${x.exporter}${sectors}, share: "80%" }`, what: "cap a flow (an endogenous tariff-equivalent; rent: importer or exporter)" },
    "tariff-rate-quota": { example: `{ type: tariff-rate-quota, importer: ${x.importer}, exporter: ${x.exporter}${sectors}, share: "80%", inQuota: 0, outOfQuota: "30%" }`, what: "a lower tariff within a quota, a higher one beyond it" },
    "export-restriction": { example: `{ type: export-restriction, exporter: ${x.exporter}, importer: ${x.importer}${sectors}, cut: "50%"${restrictionRent} }`, what: "export controls: cut a flow (an endogenous export tax) or set an export tax" },
    "investment-pledge": { example: `{ type: investment-pledge, investor: ${x.exporter}, host: ${x.importer}${sectors}, value: 1000 }`, what: "the investor's firms add output in the host (a productivity shift; value in the dataset's flow units a year)" },
  };
}

