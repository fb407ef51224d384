import { z } from "zod";

export { parseWithZod } from "~/utils/form-schemas.server";
import { parseUserDate } from "~/domain/dates";

// The fields of a session's information, as « Créer une nouvelle session » and the session's own
// page (Informations) parse them on the server.

/** A required date typed as `2026-06-15` or `15/06/2026`, as an ISO date. */
function requiredDate(missing: string) {
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
function optionalDate() {
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

/** Intitulé, Lieu, Date de début, Date de fin: the fields both forms share. */
export const informationFields = {
  title: z
    .string({ required_error: "L'intitulé est obligatoire" })
    .trim()
    .min(1, "L'intitulé est obligatoire")
    .max(200, "L'intitulé ne doit pas dépasser 200 caractères"),
  place: z.string().trim().max(200, "Le lieu ne doit pas dépasser 200 caractères").default(""),
  startDate: requiredDate("La date de début est obligatoire"),
  endDate: optionalDate(),
};

/** « Créer une nouvelle session »: the information and the brevet. */
export const NewSessionSchema = z.object({
  ...informationFields,
  certification: z.string({ required_error: "Choisissez le brevet" }).trim().min(1, "Choisissez le brevet").max(20),
});

/** The session's information tab: the information and the version the user saw. */
export const InformationSchema = z.object({ ...informationFields, version: z.coerce.number().int().min(1) });
