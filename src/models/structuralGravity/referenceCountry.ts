import type { Dataset } from "../../data/dataset.js";
import { TradewindsInputError, message, show } from "../../messages.js";

/** Index of the reference (numeraire) country in the dataset; an unknown code is an input error. */
export function referenceIndex(data: Dataset, code: string): number {
  const index = data.countries.findIndex((c) => c.code === code);
  if (index < 0) {
    const known = data.countries.map((c) => c.code);
    throw new TradewindsInputError([{ source: "scenario", path: "model.reference", value: show(code), message: message.unknownCountry(code, known, []) }]);
  }
  return index;
}

/** Throws an input error when a one-sector model is given a multi-sector dataset. */
export function requireOneSector(data: Dataset, model: string): void {
  if (data.sectors.length !== 1) {
    throw new TradewindsInputError([
      { source: `dataset ${data.meta.name}`, path: "sectors", value: String(data.sectors.length), message: message.modelNeedsDataset(model, "exactly one sector") },
    ]);
  }
}
