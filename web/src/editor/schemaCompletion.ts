import type { Completion, CompletionContext, CompletionResult } from "@codemirror/autocomplete";
import type { DatasetInfo } from "../api.js";
import { yamlContext } from "./yamlContext.js";

/** A JSON Schema node, as much of it as completion reads. */
export interface SchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  additionalProperties?: boolean | SchemaNode;
}

function branches(node: SchemaNode | undefined): SchemaNode[] {
  if (!node) return [];
  const nested = [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])];
  return nested.length ? [node, ...nested.flatMap(branches)] : [node];
}

/** The schema of the mapping (or value) at a path of keys and "[]"; a union is narrowed by the mapping's `type`. */
export function schemaAt(root: SchemaNode, path: string[], siblings: Record<string, string> = {}): SchemaNode[] {
  let nodes = [root];
  for (const part of path) {
    nodes = nodes.flatMap(branches).flatMap((n) => (part === "[]" ? (n.items ? [n.items] : []) : n.properties && Object.hasOwn(n.properties, part) ? [n.properties[part]] : []));
  }
  const all = nodes.flatMap(branches);
  const type = siblings.type;
  const narrowed = type ? all.filter((n) => n.properties?.type?.const === type || n.properties?.type?.enum?.includes(type)) : [];
  return narrowed.length ? narrowed : all;
}

const COUNTRY_KEYS = new Set(["importer", "exporter", "except", "against", "countries", "candidates", "leader", "target", "allExcept"]);
const SECTOR_KEYS = new Set(["sectors", "exceptSectors"]);

/**
 * Completion of scenario YAML from the scenario's JSON Schema (GET api/schema, the schema the server
 * validates with): keys of the mapping at the cursor (a shock's keys narrowed by its `type`), enum and
 * const values, and the dataset's codes where a field takes countries, sectors, tariff sets or datasets.
 */
export function scenarioCompletion(getSchema: () => SchemaNode | undefined, getDataset: () => DatasetInfo | undefined, getDatasets: () => DatasetInfo[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const schema = getSchema();
    if (!schema) return null;
    const text = context.state.doc.toString();
    const at = yamlContext(text, context.pos);
    if (!context.explicit && at.word === "" && at.kind === "key") return null;
    let options: Completion[] = [];
    if (at.kind === "key") {
      const nodes = schemaAt(schema, at.path, at.siblings);
      const seen = new Set<string>();
      for (const node of nodes)
        for (const [name, child] of Object.entries(node.properties ?? {})) {
          if (seen.has(name) || name === "$schema") continue;
          seen.add(name);
          options.push({ label: name, type: "property", apply: `${name}: `, info: branches(child).find((b) => b.description)?.description });
        }
    } else if (at.key) {
      const nodes = schemaAt(schema, [...at.path, at.key], at.siblings).flatMap((n) => (n.items ? [n, ...branches(n.items)] : [n]));
      const values = new Set<string>();
      for (const node of nodes) {
        for (const v of node.enum ?? []) values.add(String(v));
        if (node.const !== undefined) values.add(String(node.const));
        if (node.type === "boolean") ["true", "false"].forEach((v) => values.add(v));
      }
      const dataset = getDataset();
      if (COUNTRY_KEYS.has(at.key) && dataset) ["all", ...Object.keys(dataset.groups), ...dataset.countries.map((c) => c.code)].forEach((v) => values.add(v));
      if (SECTOR_KEYS.has(at.key) && dataset) dataset.sectors.forEach((s) => values.add(s.code));
      if ((at.key === "schedule" || at.key === "baselineTariffs") && dataset) dataset.tariffSets.forEach((s) => values.add(s));
      if (at.key === "dataset") getDatasets().forEach((d) => values.add(d.name));
      const names = new Map(dataset ? [...dataset.countries, ...dataset.sectors].map((c) => [c.code, c.name]) : []);
      options = [...values].map((v) => ({ label: v, type: "enum", detail: names.get(v) }));
    }
    if (options.length === 0) return null;
    return { from: at.from, options, validFor: /^[\w$%.-]*$/ };
  };
}
