import type { Dataset } from "../data/dataset.js";
import { message } from "../messages.js";
import type { ParamsProblem } from "./catalog.js";

/**
 * A model parameter `elasticities` must name one of the dataset's elasticity sets (a null-prototype
 * record, looked up with Object.hasOwn); `tradeElasticities` must give one value per sector. Used as a catalog entry's `checkParams`, so `tradewinds validate`
 * reports it before anything is solved.
 */
export function checkElasticitySet(params: { elasticities?: string; tradeElasticities?: number[] }, data: Dataset): ParamsProblem[] {
  if (params.tradeElasticities !== undefined && params.tradeElasticities.length !== data.sectors.length) {
    return [{ path: "tradeElasticities", value: params.tradeElasticities, message: message.tradeElasticitiesLength(data.sectors.length, params.tradeElasticities.length) }];
  }
  if (params.elasticities === undefined) return [];
  const sets = data.elasticitySets;
  if (sets && Object.hasOwn(sets, params.elasticities)) return [];
  return [{ path: "elasticities", value: params.elasticities, message: message.unknownElasticitySet(params.elasticities, sets ? Object.keys(sets) : []) }];
}
