import { z } from "zod";

export { parseWithZod } from "@conform-to/zod";

// Parts of the schemas that only actions read: kept out of the browser's scripts (see
// docs/decisions/023-javascript-budget.md: a route module that imports zod loads it, even unused).

/**
 * A record's id posted in a hidden field: digits only (12 at most), as a number. `message` is what
 * a forged or missing id is answered with.
 */
export function postedId(message: string) {
  return z
    .string({ required_error: message, invalid_type_error: message })
    .regex(/^\d{1,12}$/, message)
    .transform(Number);
}

/** The licensees ticked in a search result (`licensee` checkboxes): their ids, at most one page of them. */
export function tickedLicensees(none: string) {
  return z
    .array(z.unknown())
    .default([])
    .transform((values) =>
      [
        ...new Set(
          values
            .map(String)
            .filter((v) => /^\d{1,12}$/.test(v))
            .map(Number),
        ),
      ].slice(0, 200),
    )
    .refine((ids) => ids.length > 0, none);
}

/** The search shown with a list (`q`, `page`), kept across a post so that the results stay on screen. Never fails. */
export const KeptSearchSchema = z.object({
  q: z.string().catch(""),
  page: z.string().catch("1"),
  structure: z.string().optional().catch(undefined),
});

export const NO_LICENCE = "Saisissez au moins un numéro de licence.";

/**
 * The two add forms of the participants and jury tabs: the ticked search results (`add`, the
 * search kept) and « Ajouter par numéros de licence » (`add-licences`). `shared` is posted by both
 * (the jury's role).
 */
export function addFormSchemas<S extends z.ZodRawShape>(noneTicked: string, shared: S) {
  return [
    z.object({
      intent: z.literal("add"),
      ...shared,
      licensee: tickedLicensees(noneTicked),
      ...KeptSearchSchema.shape,
    }),
    z.object({
      intent: z.literal("add-licences"),
      ...shared,
      licences: z.string({ required_error: NO_LICENCE }).trim().min(1, NO_LICENCE).max(5000, "Texte trop long."),
    }),
  ] as const;
}

/** The first message of a refused submission, looking at the fields in the order given. */
export function firstError(
  error: Record<string, string[] | null> | null | undefined,
  order: string[],
): string | undefined {
  for (const name of order) {
    const messages = error?.[name];
    if (messages?.length) return messages[0];
  }
  return undefined;
}
