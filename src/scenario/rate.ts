import { z } from "zod";
import { message } from "../messages.js";

/**
 * An ad valorem rate as the user writes it: a share (0.24) or a percent string ("24%").
 * A bare number above MAX_SHARE_AS_NUMBER is almost surely a percent typed as a number ("24"),
 * so it is rejected with the fix, rather than read as 2,400%.
 */
export const MAX_SHARE_AS_NUMBER = 3;
/** The largest rate accepted in any notation (1,000%). */
export const MAX_RATE = 10;

export const rateSchema = z
  .union([z.number(), z.string()], { error: 'a rate: a finite share (0.24 for 24%) or a percent string ("24%")' })
  .transform((value, ctx) => {
    let share: number;
    if (typeof value === "number") {
      if (value > MAX_SHARE_AS_NUMBER) {
        // Up to 1000 it may be a percent typed as a number ("24"); beyond, it is out of range in any notation.
        ctx.addIssue({ code: "custom", message: value <= 100 * MAX_RATE ? message.rateLooksLikePercent(value) : message.rateOutOfRange(value) });
        return z.NEVER;
      }
      share = value;
    } else {
      const m = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
      if (!m) {
        ctx.addIssue({ code: "custom", message: message.badPercentString(value) });
        return z.NEVER;
      }
      share = Number(m[1]) / 100;
    }
    if (!(share >= 0 && share <= MAX_RATE)) {
      ctx.addIssue({ code: "custom", message: message.rateOutOfRange(share) });
      return z.NEVER;
    }
    return share;
  })
  .describe('An ad valorem rate: a share (0.24 for 24%) or a percent string ("24%").');
