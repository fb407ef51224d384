import { z } from "zod";

export { parseWithZod } from "~/utils/form-schemas.server";

/** « Importer une session » : the new session's title, and whether to check the file only or import it. */
export const ImportSchema = z.object({
  title: z
    .string({ required_error: "L'intitulé est obligatoire" })
    .trim()
    .min(1, "L'intitulé est obligatoire")
    .max(200, "L'intitulé ne doit pas dépasser 200 caractères"),
  intent: z.enum(["check", "import"]).default("import"),
});
