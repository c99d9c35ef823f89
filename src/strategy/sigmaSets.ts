import type { OssaSigmaSet } from "../models/ossa/baseline.js";

/** σ sets of Ossa (2014) by the names the CLI takes (`--sigma`), and the dataset parameter holding each (a module of its own: the CLI's help reads it without loading the model). */
export const SIGMA_SETS: Record<string, OssaSigmaSet> = { main: "sigma", low: "sigmaLow", medium: "sigmaMedium", high: "sigmaHigh", constant: "sigmaConstant" };
