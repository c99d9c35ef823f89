import { parseDocument, isMap, isSeq, type Document } from "yaml";

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

const percentText = (p: number) => `${Number(p.toFixed(4))}%`;

/** The scenario text with the panel's edits: instruments changed in place, the partner tariff appended to the phase's shocks. */
export function applyEdits(text: string, edits: WhatIfEdits): string {
  const doc: Document = parseDocument(text);
  if (doc.errors.length) return text;
  const shocksPath = ["phases", edits.phase, "shocks"];
  for (const [key, value] of edits.instruments) {
    const [shock, field] = key.split(".");
    doc.setIn([...shocksPath, Number(shock), field], field === "factor" ? value : percentText(value));
  }
  if (edits.partner) {
    const p = edits.partner;
    const node = doc.createNode({ type: "tariff", importer: p.importer, exporter: p.exporter, ...(p.sector ? { sectors: [p.sector] } : {}), set: percentText(p.percent) });
    node.flow = true;
    const shocks = doc.getIn(shocksPath, true);
    if (isSeq(shocks)) shocks.add(node);
    else {
      const phase = doc.getIn(["phases", edits.phase], true);
      if (isMap(phase)) phase.set("shocks", doc.createNode([node]));
    }
  }
  return doc.toString();
}
