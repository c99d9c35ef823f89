import { z } from "zod";
import { dealMessage } from "../messages.js";
import { rateSchema } from "./rate.js";

/**
 * The deal instruments of a scenario (issue 11): purchase commitments, import quotas, tariff-rate quotas,
 * export restrictions and investment pledges. Each is a strict object; quantity targets are solved in the
 * counterfactual equilibrium as an endogenous wedge (models/instruments/solveTargets.ts).
 *
 * Values are in the dataset's flow units at exporter (factory-gate) prices — USD million on icio-2022 —
 * in the model's numeraire; shares are of the model's baseline flow.
 */

const code = z.string().min(1).describe("An ISO 3166 alpha-3 country code, or a group name (dataset or scenario group)");
const countrySet = z.union([z.literal("all"), code, z.array(code).min(1)]).describe('A country code, a group, a list of them, or "all"');
const sectorList = z.array(z.string().min(1)).min(1);
const covered = {
  except: z.array(code).optional().describe("Countries removed from both importer and exporter sets"),
  sectors: sectorList.optional().describe("Sector codes covered (default: all sectors)"),
  exceptSectors: sectorList.optional().describe("Sector codes removed from `sectors`"),
  per: z
    .enum(["total", "sector", "partner", "flow"])
    .default("total")
    .describe(
      '"total" (default): one target on the sum of all covered flows, met by one uniform wedge; "sector": one per sector; "partner": one per exporter–importer pair; "flow": one per sector and pair',
    ),
};

/** A value in the dataset's flow units (positive, finite). */
const flowValue = (what: string) =>
  z
    .number()
    .refine((v) => Number.isFinite(v) && v > 0, { error: () => dealMessage.valueNotPositive(what) })
    .describe(`${what}, in the dataset's flow units at exporter prices (icio-2022: USD million a year), in the model's numeraire`);

/** A share given as 0.2 or "20%", with its allowed range stated. */
const shareIn = (what: string, low: number, high: number, openHigh: boolean) =>
  rateSchema.refine((v) => v > low && (openHigh ? v < high : v <= high), { error: () => dealMessage.shareOutOfRange(what, low, high, openHigh) });

const exactlyOne = (keys: string[]) => (o: Record<string, unknown>) => keys.filter((k) => o[k] !== undefined).length === 1;

const purchaseCommitment = z
  .object({
    type: z.literal("purchase-commitment"),
    importer: countrySet.describe("The committing (buying) countries"),
    exporter: countrySet.describe("The countries bought from"),
    ...covered,
    value: flowValue("The committed purchases").optional(),
    as: z
      .enum(["added", "floor"])
      .optional()
      .describe('With `value`: "added" (default) — the covered flow must reach its baseline plus `value`; "floor" — the covered flow must be at least `value`'),
    increase: shareIn("increase", 0, 10, false).optional().describe('The covered flow must reach (1 + increase) × its baseline flow: 0.2 or "20%"'),
  })
  .strict()
  .refine(exactlyOne(["value", "increase"]), { error: () => dealMessage.giveOneOf(["value", "increase"]) })
  .refine((s) => s.as === undefined || s.value !== undefined, { error: () => dealMessage.goesWith("as", "value"), path: ["as"] })
  .describe(
    "The importer buys at least the target from the exporter: solved as an endogenous demand shifter a ≥ 1 on the covered flows (a distortion: welfare is measured with the original preferences). Already met: not binding, no change",
  );

const rent = (byDefault: "importer" | "exporter") =>
  z
    .enum(["importer", "exporter"])
    .default(byDefault)
    .describe(`Who keeps the rent: "importer" (its tariff revenue: a tariff-equivalent) or "exporter" (an export-tax equivalent, as a voluntary export restraint); default ${byDefault}`);

const quota = z
  .object({
    type: z.literal("quota"),
    importer: countrySet.describe("The countries imposing the quota"),
    exporter: countrySet.describe("The exporters it applies to"),
    ...covered,
    value: flowValue("The quota (cap on the covered flow)").optional(),
    share: shareIn("share", 0, 10, false).optional().describe('The cap as a share of the baseline flow: 0.8 or "80%"'),
    rent: rent("importer"),
  })
  .strict()
  .refine(exactlyOne(["value", "share"]), { error: () => dealMessage.giveOneOf(["value", "share"]) })
  .describe("An import quota: the covered flow may not exceed the cap; solved as an endogenous tariff-equivalent ≥ 0 (or export-tax equivalent with rent: exporter). Not binding: no change");

const tariffRateQuota = z
  .object({
    type: z.literal("tariff-rate-quota"),
    importer: countrySet.describe("The countries imposing the tariff-rate quota"),
    exporter: countrySet.describe("The exporters it applies to"),
    ...covered,
    value: flowValue("The in-quota volume").optional(),
    share: shareIn("share", 0, 10, false).optional().describe("The in-quota volume as a share of the baseline flow"),
    inQuota: rateSchema.describe("The tariff on imports within the quota"),
    outOfQuota: rateSchema.describe("The tariff on imports beyond the quota (≥ inQuota)"),
    rent: z
      .enum(["importer", "exporter"])
      .default("importer")
      .describe('Who holds the in-quota licences and so the rent (outOfQuota-or-wedge − inQuota) × in-quota volume: "importer" (default) or "exporter"'),
  })
  .strict()
  .refine(exactlyOne(["value", "share"]), { error: () => dealMessage.giveOneOf(["value", "share"]) })
  .refine((s) => s.outOfQuota >= s.inQuota, { error: (issue) => dealMessage.outOfQuotaBelowInQuota((issue.input as { inQuota: number }).inQuota, (issue.input as { outOfQuota: number }).outOfQuota), path: ["outOfQuota"] })
  .describe(
    "A tariff-rate quota: the in-quota rate up to the quota volume, the out-of-quota rate beyond. With one flow per pair the equilibrium is the in-quota rate (quota not filled), the out-of-quota rate (imports exceed the quota) or the quota itself with an endogenous rate between the two",
  );

const exportRestriction = z
  .object({
    type: z.literal("export-restriction"),
    exporter: countrySet.describe("The restricting (exporting) countries"),
    importer: countrySet.default("all").describe('The destinations (default "all")'),
    ...covered,
    cut: shareIn("cut", 0, 1, true).optional().describe('Cut the covered flow to (1 − cut) × its baseline: 0.5 or "50%" (a complete stop is type: embargo)'),
    tax: rateSchema.optional().describe("A fixed export tax instead of a cut: the exporter's government keeps the revenue"),
    rent: z
      .enum(["importer", "exporter"])
      .optional()
      .describe('With `cut`: who keeps the rent — "exporter" (default: export-tax revenue) or "importer" (a tariff-equivalent)'),
  })
  .strict()
  .refine(exactlyOne(["cut", "tax"]), { error: () => dealMessage.giveOneOf(["cut", "tax"]) })
  .refine((s) => s.rent === undefined || s.cut !== undefined, { error: () => dealMessage.goesWith("rent", "cut"), path: ["rent"] })
  .describe("Export controls: a cut of the covered flows (an endogenous export tax, rent to the exporter unless stated) or a fixed export tax");

const investmentPledge = z
  .object({
    type: z.literal("investment-pledge"),
    investor: code.describe("The country whose firms invest (one country)"),
    host: code.describe("The country receiving the investment (one country)"),
    sectors: sectorList.optional().describe("The sectors the capacity is built in (one-sector models: leave out — the whole economy)"),
    value: flowValue("The added annual output of the host's sectors at baseline prices (the pledge's output, not its capital)"),
    homeReduction: z.boolean().default(false).describe("Also lower the investor's output in the same sectors by the same value (capacity moved, not added); default false"),
  })
  .strict()
  .describe(
    "A what-if: the host's productivity in the sectors rises so that, to first order at baseline prices, its sales rise by `value` (T̂ = exp(value ⁄ Σ_j (1 − π_hj)·X_hj)); optionally the investor's falls by the same value",
  );

/** The deal shocks, in the order they join the scenario's shock union. */
export const dealShocks = [purchaseCommitment, quota, tariffRateQuota, exportRestriction, investmentPledge] as const;
export type DealShockInput = z.infer<(typeof dealShocks)[number]>;
export const DEAL_SHOCK_TYPES = ["purchase-commitment", "quota", "tariff-rate-quota", "export-restriction", "investment-pledge"] as const;
export type DealShockType = (typeof DEAL_SHOCK_TYPES)[number];
