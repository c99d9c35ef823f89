import type { z } from "zod";
import type { InputIssue } from "../messages.js";
import { nullPrototypeRecord } from "./dataset.js";

/**
 * Replaces each named record (`fields`) of a zod-parsed object by a null-prototype copy of the raw JSON
 * record, so that every own key survives and none is inherited: zod's record parser silently drops the
 * key "__proto__" (neither validating nor keeping it). Values of keys zod skipped are validated with the
 * same element schema; their issues are returned (path `field.key.…`).
 */
export function ownRecords(raw: Record<string, unknown>, parsed: object, fields: Record<string, z.ZodType>, source: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const target = parsed as Record<string, unknown>;
  for (const [field, schema] of Object.entries(fields)) {
    const rawRecord = raw[field] as Record<string, unknown> | undefined;
    const parsedRecord = target[field] as Record<string, unknown> | undefined;
    if (rawRecord === undefined || parsedRecord === undefined || rawRecord === null) continue;
    const copy = nullPrototypeRecord<unknown>([]);
    for (const [key, value] of Object.entries(rawRecord)) {
      if (Object.hasOwn(parsedRecord, key)) {
        copy[key] = parsedRecord[key];
        continue;
      }
      const checked = schema.safeParse(value);
      if (checked.success) copy[key] = checked.data;
      else for (const i of checked.error.issues) issues.push({ source, path: [field, key, ...i.path.map(String)].join("."), value: "", message: i.message });
    }
    target[field] = copy;
  }
  return issues;
}
