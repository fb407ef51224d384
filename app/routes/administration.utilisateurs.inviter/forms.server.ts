import { z } from "zod";
import { ScopeRowsSchema } from "~/accounts/scope-rows.server";

export { parseWithZod } from "~/utils/form-schemas.server";

/** « Inviter un utilisateur » : address, name, optional licence, and at least one scope. */
export const InviteSchema = z.object({
  email: z.string({ required_error: "Saisissez l'adresse e-mail" }).trim().max(254).email("Adresse e-mail invalide"),
  name: z
    .string({ required_error: "Saisissez le nom" })
    .trim()
    .min(1, "Saisissez le nom")
    .max(200, "200 caractères au plus"),
  licence: z
    .string()
    .trim()
    .regex(/^[A-Z]-\d{2}-\d{6}$/i, "Licence au format A-12-345678")
    .transform((s) => s.toUpperCase())
    .optional(),
  scopes: ScopeRowsSchema.refine((rows) => rows.length > 0, "Choisissez au moins une portée."),
});
