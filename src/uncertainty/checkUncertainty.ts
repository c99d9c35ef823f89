import type { Dataset } from "../data/dataset.js";
import { message } from "../messages.js";
import type { ModelEntry } from "../models/catalog.js";
import { elasticitySetChoices } from "./drawParams.js";
import { ELASTICITY_SET, TRADE_ELASTICITIES, type UncertaintySection } from "./spec.js";

export interface UncertaintyProblem {
  /** Path relative to the scenario, e.g. "uncertainty.parameters[0].parameter". */
  path: string;
  value: unknown;
  message: string;
}

/**
 * Checks an `uncertainty` section against the model and the dataset, before anything is solved (so
 * `tradewinds validate` reports it): each parameter exists with a value in every phase (`phaseParams`:
 * the parsed parameters in force in each phase), its distribution fits it, elasticity sets exist.
 */
export function checkUncertainty(section: UncertaintySection, modelType: string, entry: ModelEntry, phaseParams: Record<string, unknown>[], data: Dataset): UncertaintyProblem[] {
  const problems: UncertaintyProblem[] = [];
  const seen = new Set<string>();
  section.parameters.forEach((spec, k) => {
    const at = `uncertainty.parameters[${k}]`;
    const add = (field: string, value: unknown, text: string) => problems.push({ path: `${at}.${field}`, value, message: text });
    if (seen.has(spec.parameter)) add("parameter", spec.parameter, message.uncertainParameterTwice(spec.parameter));
    seen.add(spec.parameter);
    if (spec.distribution === "lognormal" && spec.parameter !== TRADE_ELASTICITIES && spec.sectors === "common") add("sectors", spec.sectors, message.sectorsOnlyForTradeElasticities());
    if (spec.parameter === TRADE_ELASTICITIES) {
      if (!entry.tradeElasticities) add("parameter", spec.parameter, message.modelHasNoTradeElasticities(modelType));
      else if (spec.distribution !== "lognormal") add("distribution", spec.distribution, message.tradeElasticitiesDrawnLognormal());
      return;
    }
    if (spec.parameter === ELASTICITY_SET) {
      if (spec.distribution !== "choice") return add("distribution", spec.distribution, message.elasticitySetDrawnAsChoice());
      const sets = data.elasticitySets;
      const known = sets ? Object.keys(sets) : [];
      if (known.length === 0) return add("parameter", spec.parameter, message.datasetHasNoElasticitySets(data.meta.name));
      const names = elasticitySetChoices(spec.among, data);
      names.forEach((name, n) => {
        if (!Object.hasOwn(sets!, name)) add(spec.among === "all" ? "among" : `among[${n}]`, name, message.unknownElasticitySet(name, known));
      });
      const withSet = phaseParams.map(({ tradeElasticity: _one, tradeElasticities: _vector, ...rest }) => ({ ...rest, [ELASTICITY_SET]: known[0] }));
      if (withSet.some((p) => !entry.params.safeParse(p).success)) add("parameter", spec.parameter, message.modelHasNoElasticitySets(modelType));
      return;
    }
    if (spec.distribution === "choice") {
      if (spec.among === "all") return add("among", spec.among, message.choiceAllOnlyForSets());
      spec.among.forEach((v, n) => typeof v !== "number" && add(`among[${n}]`, v, message.choiceNeedsNumbers(spec.parameter)));
    }
    // A numeric parameter must have a value (stated or by default) in every phase: the draw replaces or scales it.
    const numeric = [...new Set(phaseParams.flatMap((p) => Object.keys(p).filter((key) => typeof p[key] === "number")))];
    if (phaseParams.some((p) => !Object.hasOwn(p, spec.parameter) || typeof p[spec.parameter] !== "number")) {
      const known = [...(entry.tradeElasticities ? [TRADE_ELASTICITIES] : []), ...(data.elasticitySets ? [ELASTICITY_SET] : []), ...numeric];
      add("parameter", spec.parameter, message.unknownUncertainParameter(spec.parameter, modelType, known));
    }
  });
  return problems;
}
