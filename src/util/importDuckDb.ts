type DuckDbModule = typeof import("@duckdb/node-api");

/**
 * @duckdb/node-api, imported when a command first needs it. The CLI bundle (scripts/bundle-cli.mjs) carries
 * the package's JavaScript, so that Node does not resolve and parse its ~100 CommonJS files at every `estimate`
 * (~40 ms); a dynamic import of a bundled CommonJS module yields only its `default` (module.exports), while
 * from the TypeScript sources Node also offers the named exports — `default` is the exports object in both.
 */
export async function importDuckDb(): Promise<DuckDbModule> {
  const module = (await import("@duckdb/node-api")) as DuckDbModule & { default?: DuckDbModule };
  return module.default ?? module;
}
