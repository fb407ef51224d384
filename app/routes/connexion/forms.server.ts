import { z } from "zod";

export { parseWithZod } from "~/utils/form-schemas.server";

/** « Connexion » : address, password, and where to go once logged in. */
export const LoginSchema = z.object({
  email: z.string({ required_error: "Saisissez votre adresse e-mail" }).trim().email("Adresse e-mail invalide"),
  password: z.string({ required_error: "Saisissez votre mot de passe" }),
  redirectTo: z.string().optional(),
});
