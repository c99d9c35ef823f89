/** The package version, in a module of its own so that `tradewinds --version` loads nothing else. */
export const VERSION = "0.1.0";
