import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Issue 16: `tradewinds --version` and `--help` load only what they need — the commands import the heavy
 * packages (zod, DuckDB, Fastify, piscina, …) when they run. This walks the static (non-type) imports of
 * the CLI entry and lists the packages they reach; the figure itself is measured by bench/processes.ts.
 */
function staticPackages(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)"|^import\s+"([^"]+)"|^export\s+(?!type\s)[^;]*?from\s+"([^"]+)"/gms)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const here = [...chain, relative(process.cwd(), file)];
      if (spec.startsWith(".")) {
        const target = resolve(dirname(file), spec).replace(/\.js$/, ".ts");
        if (existsSync(target)) walk(target, here);
      } else if (!spec.startsWith("node:") && !packages.has(spec)) packages.set(spec, here);
    }
  };
  walk(resolve(entry), []);
  return packages;
}

describe("CLI cold start", () => {
  it("the CLI entry statically imports no package but commander (zod, DuckDB, Fastify load with the commands that use them)", () => {
    const packages = staticPackages("src/cli/main.ts");
    const chains = [...packages].filter(([name]) => name !== "commander").map(([name, chain]) => `${name} <- ${chain.reverse().join(" <- ")}`);
    expect(chains).toEqual([]);
    expect([...packages.keys()]).toContain("commander");
  });
});
