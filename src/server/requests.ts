import { z } from "zod";
import { TradewindsInputError } from "../messages.js";
import { zodIssues } from "../scenario/validate.js";

/** Request bodies and query strings, each a strict zod schema: an unknown field is an error. */
export const scenarioBody = z
  .object({
    scenario: z.string().min(1).describe("The scenario file's text, YAML or JSON (see /api/schema)"),
  })
  .strict();

export const runBody = scenarioBody
  .extend({
    mode: z
      .enum(["auto", "direct", "job"])
      .default("auto")
      .describe('"direct": answer with the result; "job": answer 202 with a job to poll; "auto": direct for scenario runs, a job for sweeps and bloc analyses'),
  })
  .strict();

export const resultQuery = z.object({ format: z.enum(["json", "csv", "table"]).default("json") }).strict();
export const compareQuery = z.object({ a: z.string().min(1), b: z.string().min(1) }).strict();
export const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }).strict();

/** Parses a request part or throws an input error naming the field (source "request"); an unknown field's message lists the request's own fields. */
export function parseRequest<T extends z.ZodObject>(schema: T, raw: unknown, where: string): z.infer<T> {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw new TradewindsInputError(zodIssues(parsed.error.issues, raw, where, "", () => Object.keys(schema.shape)));
}
