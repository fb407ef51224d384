import { z } from "zod";

/** Rows « portée + rôle » of the invite and edit forms: `scopes[i].organiser`, `scopes[i].role`. */
export const ScopeRowsSchema = z
  .array(
    z.object({
      organiser: z.coerce.number().int().positive().optional(),
      role: z.enum(["gestionnaire", "lecteur"], { invalid_type_error: "Rôle inconnu" }).default("lecteur"),
    }),
  )
  .default([])
  .transform((rows) =>
    rows.filter((r): r is { organiser: number; role: "gestionnaire" | "lecteur" } => r.organiser !== undefined),
  )
  .refine(
    (rows) => new Set(rows.map((r) => r.organiser)).size === rows.length,
    "Une même portée est choisie deux fois.",
  );
