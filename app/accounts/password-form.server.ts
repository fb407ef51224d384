import { z } from "zod";

/**
 * « Choisir un mot de passe » and « Changer le mot de passe »: one schema for the browser and the
 * server; the server adds the rules that need the account or the common-password list (`problem`).
 */
export function choosePasswordSchema(problem?: (password: string) => string | null, withCurrent = false) {
  return z
    .object({
      current: withCurrent
        ? z.string({ required_error: "Saisissez votre mot de passe actuel" })
        : z.string().optional(),
      password: z
        .string({ required_error: "Saisissez un mot de passe" })
        .min(12, "Le mot de passe doit comporter au moins 12 caractères.")
        .max(200, "Le mot de passe ne doit pas dépasser 200 caractères."),
      confirmation: z.string({ required_error: "Saisissez de nouveau le mot de passe" }),
    })
    .superRefine((value, ctx) => {
      const message = problem?.(value.password);
      if (message) ctx.addIssue({ code: "custom", path: ["password"], message });
      if (value.confirmation !== value.password) {
        ctx.addIssue({
          code: "custom",
          path: ["confirmation"],
          message: "Les deux mots de passe ne sont pas identiques.",
        });
      }
    });
}
