import { z } from "zod";

export { parseWithZod } from "~/utils/form-schemas.server";

/** « Mot de passe oublié » : the address a reset link is sent to. */
export const ForgottenSchema = z.object({
  email: z
    .string({ required_error: "Saisissez votre adresse e-mail" })
    .trim()
    .max(254, "Adresse e-mail invalide")
    .email("Adresse e-mail invalide"),
});
