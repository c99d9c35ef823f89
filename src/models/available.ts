import type { ModelCatalog } from "./catalog.js";

/** The models a scenario can name in `model.type`. */
export const modelCatalog: ModelCatalog = {};
