import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { embeddedDataDir } from "./load.js";

let cached: string | undefined;

/**
 * SHA-256 of every embedded data file (data/ and its subfolders: dataset headers, number chunks,
 * panels), each as "relative path NUL content", in sorted path order. Two installations compute the
 * same checksum exactly when their embedded data are byte for byte the same; distributed sweep
 * workers report it and a coordinator refuses workers whose checksum differs from its own.
 */
export function embeddedDataChecksum(): string {
  if (cached) return cached;
  const root = embeddedDataDir();
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(root, path).split("\\").join("/"));
    }
  };
  walk(root);
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    hash.update(file);
    hash.update("\u0000");
    hash.update(readFileSync(join(root, file)));
  }
  cached = hash.digest("hex");
  return cached;
}
