import { z } from "zod";
import { estimationSectionSchema } from "../estimation/estimationSection.js";
import { dealShocks } from "./dealSchema.js";
import { message } from "../messages.js";
import { DOMAIN_REASONS, MAX_COVARIATE_MAGNITUDE, MAX_TRADE_COST_FACTOR, MIN_TRADE_COST_FACTOR, range } from "./domains.js";
import { rateSchema } from "./rate.js";
import { uncertaintySectionSchema } from "../uncertainty/spec.js";

/**
 * The scenario file format (YAML or JSON), defined once here; `npm run schema` writes the JSON Schema
 * to schema/scenario.schema.json. Semantics: ../shared/spec/scenarios-and-strategy.md §2.
 * Every object is strict: an unknown key is an error, never silently ignored.
 */

const tradeCostDomain = message.outOfDomain("a trade-cost factor", range(MIN_TRADE_COST_FACTOR, MAX_TRADE_COST_FACTOR), DOMAIN_REASONS.tradeCostFactor);
const covariateDomain = message.outOfDomain("a covariate value", range(-MAX_COVARIATE_MAGNITUDE, MAX_COVARIATE_MAGNITUDE), DOMAIN_REASONS.covariateValue);

const code = z.string().min(1).describe("An ISO 3166 alpha-3 country code, or a group name (dataset or scenario group)");
/** Countries a shock applies to: a code, a list, or "all"; `except` removes countries. */
const countrySet = z
  .union([z.literal("all"), code, z.array(code).min(1)], { error: 'a country code, a group, a list of them, or "all"' })
  .describe('A country code, a group, a list of them, or "all"');

const who = {
  importer: countrySet.describe("The importing (tariff-levying) countries"),
  exporter: countrySet.describe("The exporting countries"),
  except: z.array(code).optional().describe("Countries removed from both importer and exporter sets"),
  sectors: z.array(z.string().min(1)).min(1).optional().describe("Sector codes the shock covers (default: all sectors)"),
  exceptSectors: z.array(z.string().min(1)).min(1).optional().describe("Sector codes removed from `sectors`"),
};

const tariffShock = z
  .object({
    type: z.literal("tariff"),
    ...who,
    set: rateSchema.optional().describe("Set the tariff to this rate"),
    add: rateSchema.optional().describe("Add this rate to the tariff in force"),
  })
  .strict()
  .refine((s) => (s.set === undefined) !== (s.add === undefined), { message: 'give exactly one of "set" or "add"' });

const scheduleShock = z
  .object({
    type: z.literal("tariff-schedule"),
    schedule: z
      .string()
      .min(1)
      .describe("The name of a tariff set in the dataset (see `tradewinds datasets <name>`); its rates replace those in force in the cells the set covers"),
    importer: countrySet.optional().describe("Apply only the rates of these importers (default: every importer the schedule taxes)"),
    exporter: countrySet.optional().describe("Apply only to these exporters (default: all)"),
    except: z.array(code).optional(),
    floor: rateSchema.optional().describe("A minimum rate for the covered pairs"),
  })
  .strict();

const tradeCostShock = z
  .object({
    type: z.literal("trade-cost"),
    ...who,
    factor: z
      .number()
      .min(MIN_TRADE_COST_FACTOR, { error: tradeCostDomain })
      .max(MAX_TRADE_COST_FACTOR, { error: tradeCostDomain })
      .describe(
        `Multiplicative change of the iceberg cost d̂ (1.1 = 10% costlier), in ${range(MIN_TRADE_COST_FACTOR, MAX_TRADE_COST_FACTOR)}; stacked trade-cost shocks multiply and their product must stay in that range. For a prohibitive cost use type: embargo`,
      ),
  })
  .strict();

const covariateShock = z
  .object({
    type: z.literal("covariate"),
    name: z.string().min(1).describe("A gravity covariate of the dataset (e.g. INTL_BRDR, pta)"),
    importer: countrySet,
    exporter: countrySet,
    except: z.array(code).optional(),
    set: z
      .number()
      .min(-MAX_COVARIATE_MAGNITUDE, { error: covariateDomain })
      .max(MAX_COVARIATE_MAGNITUDE, { error: covariateDomain })
      .describe(
        `The counterfactual value of the covariate for the covered pairs, in ${range(-MAX_COVARIATE_MAGNITUDE, MAX_COVARIATE_MAGNITUDE)}; the trade-cost change it implies, d̂ = exp(β·Δx/(1−σ)), must lie in ${range(MIN_TRADE_COST_FACTOR, MAX_TRADE_COST_FACTOR)}`,
      ),
  })
  .strict();

const embargoShock = z
  .object({ type: z.literal("embargo"), ...who })
  .strict()
  .describe("Exports of the sectors from exporter(s) to importer(s) stop: the counterfactual flow is exactly zero");

const optimalTariffShock = z
  .object({
    type: z.literal("optimal-tariff"),
    importer: countrySet.describe("The countries that each set their own optimal uniform tariff"),
    exporter: countrySet.optional().describe("The exporters it applies to (default: all)"),
    except: z.array(code).optional(),
    formula: z
      .enum(["expenditure", "output"])
      .default("expenditure")
      .describe("The model's closed form: 'expenditure' uses D = E − X_ii (Liberation Day run 4, t*), 'output' uses D = Y − X_ii (run 7, t*′)"),
  })
  .strict()
  .describe("Each importer sets the tariff that maximises its welfare, by the model's closed form (others' tariffs fixed)");

const optimalRetaliationShock = z
  .object({
    type: z.literal("optimal-retaliation"),
    against: code.describe("The country retaliated against (e.g. USA)"),
    importer: countrySet.optional().describe("The retaliating countries (default: all but `against`)"),
    except: z.array(code).optional(),
  })
  .strict()
  .describe("Every retaliating country applies the model's closed-form optimal retaliation tariff to imports from `against`");

const reciprocalRetaliationShock = z
  .object({
    type: z.literal("reciprocal-retaliation"),
    against: code.describe("The country whose tariffs are answered in kind (e.g. USA)"),
    importer: countrySet.optional().describe("The retaliating countries (default: all but `against`)"),
    except: z.array(code).optional(),
  })
  .strict()
  .describe("Each retaliating country j sets its tariff on `against` to the rate `against` levies on j at this point of the phase, sector by sector (Liberation Day run 6)");

const nashTariffsShock = z
  .object({
    type: z.literal("nash-tariffs"),
    importer: countrySet.optional().describe("The countries that each set their optimal uniform import tariff given the others' (default: all — the global tariff war)"),
    except: z.array(code).optional(),
  })
  .strict()
  .describe(
    "A tariff war (Lashkaripour 2021): every listed country sets the uniform tariff on all its imports (every sector and partner) that is optimal given everyone else's tariffs, solved jointly with the equilibrium — with all countries, the Nash equilibrium; with one, its optimal tariff. Their other tariff shocks are replaced",
  );

export const shockSchema = z.discriminatedUnion("type", [
  tariffShock,
  scheduleShock,
  tradeCostShock,
  covariateShock,
  embargoShock,
  optimalTariffShock,
  optimalRetaliationShock,
  reciprocalRetaliationShock,
  nashTariffsShock,
  ...dealShocks,
]);
export type ShockInput = z.infer<typeof shockSchema>;

export const phaseSchema = z
  .object({
    name: z.string().min(1),
    date: z.iso.date().optional().describe("The date the policy state takes effect (YYYY-MM-DD)"),
    description: z.string().optional(),
    inherit: z
      .union([z.boolean(), z.string()])
      .optional()
      .describe("Start from the previous phase's shocks (default true), a named earlier phase, or none (false)"),
    model: z.record(z.string(), z.unknown()).optional().describe("Model parameters overriding the scenario's for this phase"),
    compareWith: z
      .string()
      .min(1)
      .optional()
      .describe("Another phase of this scenario: the results are also reported relative to that phase (e.g. a deal relative to no deal), beside the effect relative to the baseline"),
    shocks: z.array(shockSchema).default([]),
  })
  .strict();
export type PhaseInput = z.infer<typeof phaseSchema>;

/**
 * One measure of a bloc's rules (spec scenarios-and-strategy.md §3): a tariff (a rate, or "rate" for the
 * bloc's own rate parameter), an embargo, or a tariff schedule of the dataset, optionally by sector.
 */
const blocRate = z.union([z.literal("rate"), rateSchema]).describe('A rate, or "rate" for the bloc\'s rate parameter (`bloc.rate`)');
const blocSectors = z.array(z.string().min(1)).min(1).optional().describe("Sector codes the measure covers (default: all sectors)");
export const blocMeasureSchema = z
  .object({
    tariff: blocRate.optional().describe("A tariff at this rate"),
    embargo: z.literal(true).optional().describe("An embargo: the covered flows stop"),
    schedule: z.string().min(1).optional().describe("A tariff set of the dataset"),
    floor: rateSchema.optional().describe("With schedule: a minimum rate"),
    sectors: blocSectors,
  })
  .strict()
  .refine((m) => [m.tariff, m.embargo, m.schedule].filter((v) => v !== undefined).length === 1, { message: 'give exactly one of "tariff", "embargo" or "schedule"' })
  .refine((m) => m.floor === undefined || m.schedule !== undefined, { message: '"floor" goes with "schedule" only', path: ["floor"] })
  .refine((m) => m.sectors === undefined || m.schedule === undefined, { message: '"sectors" cannot restrict a schedule (it covers the sectors it sets)', path: ["sectors"] })
  .describe("A tariff { tariff }, an embargo { embargo: true } or a dataset schedule { schedule, floor }, optionally by sector");
export type BlocMeasureInput = z.infer<typeof blocMeasureSchema>;

export const blocSchema = z
  .object({
    leader: code.describe("The country that forms the bloc and rewards members (e.g. USA)"),
    target: code.describe("The country the bloc raises barriers against (e.g. CHN)"),
    candidates: z
      .array(code)
      .min(1)
      .max(20)
      .describe("The k candidate members; a group (e.g. EU27) acts as one candidate. 2^k equilibria are solved"),
    focus: code.optional().describe("The candidate whose welfare joining vs staying out is reported for every configuration of the others"),
    basePhase: z.string().min(1).optional().describe("The phase of `phases` the bloc's rules are added to (default: the last phase)"),
    payoff: z.string().min(1).optional().describe("The registry key the membership game is played on (default welfareChangePct, the exact real-income change in every model; e.g. welfareFirstOrderPct for Caliendo–Parro's first-order decomposition)"),
    rate: rateSchema.default(0.5).describe('The bloc\'s rate parameter, used where a measure says tariff: "rate" (default 50%)'),
    membersOnTarget: blocMeasureSchema.describe("What members impose on imports from the target"),
    leaderOnMembers: blocMeasureSchema.optional().describe("The leader's tariff on members (the reward); default: as in the base phase"),
    leaderOnNonMembers: blocMeasureSchema.optional().describe("The leader's tariff on candidates that stay out (the punishment); default: as in the base phase"),
    targetOnMembers: blocMeasureSchema.optional().describe("The target's response to members (retaliation); default: none"),
  })
  .strict()
  .describe("Bloc formation (spec scenarios-and-strategy.md §3): every membership set of the candidates is solved; `tradewinds bloc` reports payoffs and stability");
export type BlocInput = z.infer<typeof blocSchema>;

export const modelSchema = z
  .object({ type: z.string().min(1).describe("The model: see `tradewinds schema` and the README's model list") })
  .catchall(z.unknown())
  .describe("The model and its parameters; each model checks its own parameters strictly");

export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    dataset: z
      .string()
      .min(1)
      .describe(
        "An embedded dataset (see `tradewinds datasets`), or — in the CLI, never over the HTTP API — a file by a path relative to the scenario: a long-format flows table (.csv, .csv.gz, .parquet: exporter, importer, value, optional sector, tariff, year, numeric pair covariates) or a dataset JSON from `tradewinds import`",
      ),
    baselineTariffs: z
      .string()
      .min(1)
      .optional()
      .describe("The dataset's tariff set the baseline was observed under (default: the dataset's own baseline set; see `tradewinds datasets <name>`)"),
    model: modelSchema,
    groups: z
      .record(z.string(), z.union([z.array(code).min(1), z.object({ allExcept: z.array(code).min(1) }).strict()]))
      .optional()
      .describe("Scenario-defined country groups: a list of members, or { allExcept: [...] } for every other country; both forms take country codes and group names (the dataset's groups or the scenario's)"),
    report: z
      .object({
        countries: z.array(code).optional().describe("Countries and groups shown in the table (default: the largest economies)"),
        bilateral: z.array(z.tuple([code, code])).optional().describe("Exporter → importer pairs whose flows are reported"),
        sectors: z.array(z.string().min(1)).min(1).optional().describe("Sectors shown in the table's sector tables, in this order (default: all; JSON and CSV carry all)"),
      })
      .strict()
      .optional(),
    phases: z.array(phaseSchema).min(1),
    bloc: blocSchema.optional(),
    estimation: estimationSectionSchema.optional(),
    uncertainty: uncertaintySectionSchema.optional(),
  })
  .strict();

export type ScenarioInput = z.infer<typeof scenarioSchema>;
/** A scenario as a user writes it (defaults optional, rates as shares or "24%" strings): what `runScenario` takes as an object. */
export type ScenarioDocument = z.input<typeof scenarioSchema>;

const shockKeys: Record<string, string[]> = Object.fromEntries(
  shockSchema.options.map((o) => {
    const shape = ("shape" in o ? o.shape : (o as unknown as { def: { in: { shape: Record<string, unknown> } } }).def.in.shape) as Record<string, unknown>;
    return [(shape.type as z.ZodLiteral<string>).value, Object.keys(shape)];
  }),
);

/** The keys allowed in the object at `path` of a scenario (for "unknown key" messages). */
export function allowedKeysAt(raw: unknown, path: PropertyKey[]): string[] {
  const names = path.filter((p) => typeof p === "string");
  const last = names[names.length - 1];
  if (path.length === 0) return Object.keys(scenarioSchema.shape);
  if (last === "report") return ["countries", "bilateral", "sectors"];
  if (last === "bloc") return Object.keys(blocSchema.shape);
  if (last === "estimation") return Object.keys(estimationSectionSchema.shape);
  if (last === "uncertainty") return Object.keys(uncertaintySectionSchema.shape);
  if (names.length >= 2 && names[names.length - 2] === "uncertainty") return ["parameter", "distribution", "cv", "sectors", "min", "max", "among"];
  if (names.length >= 2 && names[names.length - 2] === "bloc") return ["tariff", "embargo", "schedule", "sectors", "floor"];
  if (last === "phases") return Object.keys(phaseSchema.shape);
  if (last === "shocks") {
    let v: unknown = raw;
    for (const key of path) v = (v as Record<PropertyKey, unknown> | undefined)?.[key];
    const type = (v as { type?: unknown } | undefined)?.type;
    return typeof type === "string" && shockKeys[type] ? shockKeys[type] : Object.keys(shockKeys).map((t) => `type: ${t}`);
  }
  return [];
}
