import { dealMessage } from "../messages.js";
import type { DealShockInput } from "./dealSchema.js";

/** How a quantity target is split into instruments: one for all covered flows, or one per sector / pair / flow. */
export type TargetSplit = "total" | "sector" | "partner" | "flow";

/** A deal shock with its countries and sectors resolved to dataset indices (scenario/dealSchema.ts). */
export type NormalizedDealShock =
  | { type: "purchase-commitment"; importers: number[]; exporters: number[]; sectors: number[]; per: TargetSplit; value?: number; as: "added" | "floor"; increase?: number; path: string }
  | { type: "quota"; importers: number[]; exporters: number[]; sectors: number[]; per: TargetSplit; value?: number; share?: number; rent: "importer" | "exporter"; path: string }
  | {
      type: "tariff-rate-quota";
      importers: number[];
      exporters: number[];
      sectors: number[];
      per: TargetSplit;
      value?: number;
      share?: number;
      inQuota: number;
      outOfQuota: number;
      rent: "importer" | "exporter";
      path: string;
    }
  | { type: "export-restriction"; importers: number[]; exporters: number[]; sectors: number[]; per: TargetSplit; cut?: number; tax?: number; rent: "importer" | "exporter"; path: string }
  | { type: "investment-pledge"; importers: number[]; exporters: number[]; investor: number; host: number; sectors: number[]; value: number; homeReduction: boolean; path: string };

/**
 * What a model can do with the deal instruments beyond the shock types it lists: export taxes (export
 * restrictions, quota rents to the exporter) and lump-sum rent transfers (tariff-rate-quota rents to the
 * exporter). A model without one gets an error naming it (models/available.ts sets these).
 */
export interface DealCapabilities {
  exportTaxes: boolean;
  rentTransfers: boolean;
}

/** The resolution helpers of normalizeScenario (group members, sector lists, issue collection). */
export interface DealNormalizeContext {
  modelType: string;
  capabilities: DealCapabilities;
  members: (code: string, path: string) => number[];
  countrySet: (set: "all" | string | string[] | undefined, except: string[] | undefined, path: string) => number[];
  sectorSet: (list: string[] | undefined, path: string, except?: string[]) => number[];
  add: (path: string, value: unknown, msg: string) => void;
}

const EXPORT_TAX_MODELS = "use model caliendo-parro or lashkaripour";

export function isDealShock(shock: { type: string }): shock is DealShockInput {
  return ["purchase-commitment", "quota", "tariff-rate-quota", "export-restriction", "investment-pledge"].includes(shock.type);
}

/** Resolves one deal shock; problems are added to the context's issues (normalizeScenario throws them together). */
export function normalizeDealShock(shock: DealShockInput, path: string, ctx: DealNormalizeContext): NormalizedDealShock {
  const { capabilities, modelType } = ctx;
  const needs = (ok: boolean, field: string, value: unknown, detail: string) => {
    if (!ok) ctx.add(`${path}.${field}`, value, dealMessage.instrumentNotSupported(shock.type, detail, modelType, EXPORT_TAX_MODELS));
  };
  if (shock.type === "investment-pledge") {
    const one = (code: string, role: "investor" | "host") => {
      const found = ctx.members(code, `${path}.${role}`);
      if (found.length > 1) ctx.add(`${path}.${role}`, code, dealMessage.singleCountry(role, code));
      return found[0] ?? 0;
    };
    const investor = one(shock.investor, "investor");
    const host = one(shock.host, "host");
    if (shock.investor === shock.host) ctx.add(`${path}.host`, shock.host, dealMessage.pledgeSameCountry(shock.host));
    const sectors = ctx.sectorSet(shock.sectors, `${path}.sectors`);
    return { type: shock.type, importers: [host], exporters: [investor], investor, host, sectors, value: shock.value, homeReduction: shock.homeReduction, path };
  }
  const importers = ctx.countrySet(shock.importer, shock.except, `${path}.importer`);
  const exporters = ctx.countrySet(shock.exporter, shock.except, `${path}.exporter`);
  const sectors = ctx.sectorSet(shock.sectors, `${path}.sectors`, shock.exceptSectors);
  const base = { importers, exporters, sectors, per: shock.per, path };
  switch (shock.type) {
    case "purchase-commitment":
      return { type: shock.type, ...base, value: shock.value, as: shock.as ?? "added", increase: shock.increase };
    case "quota":
      needs(shock.rent === "importer" || capabilities.exportTaxes, "rent", shock.rent, "whose rent goes to the exporter (an export-tax equivalent)");
      return { type: shock.type, ...base, value: shock.value, share: shock.share, rent: shock.rent };
    case "tariff-rate-quota":
      needs(shock.rent === "importer" || capabilities.rentTransfers, "rent", shock.rent, "whose licence rent goes to the exporter (a transfer between countries)");
      return { type: shock.type, ...base, value: shock.value, share: shock.share, inQuota: shock.inQuota, outOfQuota: shock.outOfQuota, rent: shock.rent };
    case "export-restriction": {
      const rent = shock.rent ?? "exporter";
      needs(rent === "importer" || capabilities.exportTaxes, shock.tax !== undefined ? "tax" : "cut", shock.tax ?? shock.cut, "with the rent (export-tax revenue) to the exporter");
      return { type: shock.type, ...base, cut: shock.cut, tax: shock.tax, rent };
    }
  }
}
