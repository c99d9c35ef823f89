/**
 * Lookups by a name that came from a user (a covariate, group, schedule, model type, column, …).
 *
 * A plain object answers `obj["toString"]`, `obj["constructor"]` and `"__proto__" in obj` from
 * Object.prototype, and `obj["__proto__"] = x` replaces the prototype: a user's name must never be
 * looked up or stored that way. These helpers read only own properties, and build null-prototype
 * records where user names become keys (STYLE.md, "Boundaries").
 */

/** Keys that are never meaningful as a user's name and have special meaning on plain objects. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Whether `record` has an own property `name` (never an inherited one such as "toString"). */
export function hasOwnName(record: object | undefined, name: string): boolean {
  return record !== undefined && Object.hasOwn(record, name);
}

/** The own property `name` of `record`, or undefined (inherited properties are not found). */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, name) ? record[name] : undefined;
}

/** A record without a prototype, filled from `entries`: any key, `__proto__` included, is an own property. */
export function nullPrototypeRecord<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) out[key] = value;
  return out;
}

/**
 * Paths of every object key in `raw` (parsed YAML/JSON) that is a reserved name, depth first. The
 * parsers keep such keys as own properties, but zod's record parser drops `__proto__` silently, so
 * they are found here, before the schema, and refused with their path.
 */
export function reservedKeyPaths(raw: unknown): PropertyKey[][] {
  const found: PropertyKey[][] = [];
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: raw, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    const key = path[path.length - 1];
    if (typeof key === "string" && RESERVED_NAMES.has(key)) {
      found.push(path);
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    const entries: [PropertyKey, unknown][] = Array.isArray(value) ? value.map((v, k) => [k, v]) : Object.entries(value);
    for (let k = entries.length - 1; k >= 0; k--) stack.push({ value: entries[k][1], path: [...path, entries[k][0]] });
  }
  return found;
}
