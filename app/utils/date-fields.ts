import { z } from "zod";
import { parseUserDate } from "~/domain/dates";

// The date fields of the forms validated in the browser too (Nouvelle session, the session's
// information). Apart from the other helpers: a page whose scripts import zod at all loads it.

/** A required date typed as `2026-06-15` or `15/06/2026`, as an ISO date. */
export function requiredDate(missing: string) {
  return z
    .string({ required_error: missing })
    .trim()
    .transform((value, ctx) => {
      const iso = parseUserDate(value);
      if (!iso) {
        ctx.addIssue({ code: "custom", message: "Date invalide : saisissez-la au format JJ/MM/AAAA" });
        return z.NEVER;
      }
      return iso;
    });
}

/** An optional date: empty means none. */
export function optionalDate() {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const iso = parseUserDate(value);
      if (!iso) {
        ctx.addIssue({ code: "custom", message: "Date invalide : saisissez-la au format JJ/MM/AAAA" });
        return z.NEVER;
      }
      return iso;
    });
}
