import { isMap, isScalar, isSeq, parseDocument } from "yaml";

/** A numeric instrument of a shock that the what-if panel can move: the shock's position and field. */
export interface Instrument {
  shock: number;
  field: "set" | "add" | "factor" | "floor";
  /** The value in the panel's unit: percent for rates, a factor for trade costs. */
  value: number;
  unit: "%" | "×";
  /** What the shock is, for the label: "tariff USA ← JPN (sectors mvh) add". */
  label: string;
}

/** The tariff on one partner (and sector) that the panel adds to the phase as its last shock. */
export interface PartnerTariff {
  importer: string;
  exporter: string;
  /** A sector code, or undefined for all sectors. */
  sector: string | undefined;
  /** Percent. */
  percent: number;
}

export interface WhatIfEdits {
  phase: number;
  instruments: Map<string, number>;
  partner?: PartnerTariff;
}

/** "15%" → 15, 0.15 → 15 (rates are shares or percent strings). */
export function ratePercent(value: unknown): number | undefined {
  if (typeof value === "number") return 100 * value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?%$/.test(value.trim())) return Number(value.trim().slice(0, -1));
  return undefined;
}

const list = (v: unknown) => (Array.isArray(v) ? `[${v.join(", ")}]` : String(v ?? "all"));

/** The instruments of a phase's own shocks (tariff set/add, schedule floor, trade-cost factor). */
export function phaseInstruments(text: string, phase: number): Instrument[] {
  const doc = parseDocument(text);
  if (doc.errors.length) return [];
  const shocks = (doc.toJS() as { phases?: { shocks?: Record<string, unknown>[] }[] })?.phases?.[phase]?.shocks ?? [];
  const out: Instrument[] = [];
  shocks.forEach((shock, k) => {
    const who = `${list(shock.importer)} ← ${list(shock.exporter ?? "all")}${shock.sectors ? ` (sectors ${list(shock.sectors)})` : shock.exceptSectors ? ` (except ${list(shock.exceptSectors)})` : ""}`;
    for (const field of ["set", "add", "floor"] as const) {
      const percent = ratePercent(shock[field]);
      if (percent !== undefined && (shock.type === "tariff" || (shock.type === "tariff-schedule" && field === "floor"))) {
        out.push({ shock: k, field, value: percent, unit: "%", label: `${shock.type} ${shock.type === "tariff-schedule" ? String(shock.schedule) + " " : ""}${who} ${field}` });
      }
    }
    if (shock.type === "trade-cost" && typeof shock.factor === "number") out.push({ shock: k, field: "factor", value: shock.factor, unit: "×", label: `trade cost ${who} factor` });
  });
  return out;
}

const percentText = (p: number) => `"${Number(p.toFixed(4))}%"`;

/**
 * The scenario text with the panel's edits, made on the text itself so that everything else (comments,
 * layout, quoting) stays as written: instruments replaced in place, the partner tariff added as the
 * phase's last shock (a flow mapping on its own line). The text is returned unchanged without edits.
 */
export function applyEdits(text: string, edits: WhatIfEdits): string {
  if (edits.instruments.size === 0 && !edits.partner) return text;
  const doc = parseDocument(text);
  if (doc.errors.length) return text;
  const replacements: { from: number; to: number; insert: string }[] = [];
  const shocksPath = ["phases", edits.phase, "shocks"];
  for (const [key, value] of edits.instruments) {
    const [shock, field] = key.split(".");
    const node = doc.getIn([...shocksPath, Number(shock), field], true);
    if (isScalar(node) && node.range) replacements.push({ from: node.range[0], to: node.range[1], insert: field === "factor" ? String(value) : percentText(value) });
  }
  if (edits.partner) {
    const p = edits.partner;
    const item = `{ type: tariff, importer: ${p.importer}, exporter: ${p.exporter}, ${p.sector ? `sectors: [${p.sector}], ` : ""}set: ${percentText(p.percent)} }`;
    const shocks = doc.getIn(shocksPath, true);
    if (isSeq(shocks) && shocks.range) {
      const last = shocks.items[shocks.items.length - 1] as { range?: [number, number, number] } | undefined;
      if (shocks.flow) {
        const close = text.lastIndexOf("]", shocks.range[1]);
        replacements.push({ from: close, to: close, insert: shocks.items.length ? `, ${item}` : item });
      } else if (last?.range) {
        const lineStart = text.lastIndexOf("\n", last.range[0] - 1) + 1;
        const indent = /^\s*/.exec(text.slice(lineStart))![0];
        replacements.push({ from: last.range[1], to: last.range[1], insert: `\n${indent}- ${item}` });
      }
    } else {
      const phase = doc.getIn(["phases", edits.phase], true);
      if (isMap(phase) && phase.range) {
        const first = phase.items[0]?.key as { range?: [number, number, number] } | undefined;
        const column = first?.range ? first.range[0] - (text.lastIndexOf("\n", first.range[0] - 1) + 1) : 4;
        const lastPair = phase.items[phase.items.length - 1];
        const end = (lastPair?.value as { range?: [number, number, number] } | undefined)?.range?.[1] ?? (lastPair?.key as { range?: [number, number, number] } | undefined)?.range?.[1] ?? phase.range[1];
        replacements.push({ from: end, to: end, insert: `\n${" ".repeat(column)}shocks: [${item}]` });
      }
    }
  }
  let out = text;
  for (const r of replacements.sort((x, y) => y.from - x.from)) out = out.slice(0, r.from) + r.insert + out.slice(r.to);
  return out;
}
