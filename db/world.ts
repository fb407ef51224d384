/**
 * The world file (domain.md §9): the federation's registry, or a small world for tests.
 * This Zod schema is the format's single description; `db/load.ts` writes what it accepts.
 */
import { z } from "zod";
import { isIsoDate } from "./iso-date";

export const LICENCE_PATTERN = /^[A-Z]-\d{2}-\d{4,}$/;

const text = (what = "texte") =>
  z
    .string({ required_error: "obligatoire", invalid_type_error: `${what} attendu` })
    .trim()
    .min(1, "obligatoire");
const isoDate = z
  .string({ required_error: "obligatoire", invalid_type_error: "date invalide" })
  .refine(isIsoDate, "date invalide");
const licence = z
  .string({ required_error: "obligatoire", invalid_type_error: "numéro de licence invalide" })
  .regex(LICENCE_PATTERN, "numéro de licence invalide (format A-12-345678)");

export const worldSchema = z.object({
  structures: z
    .array(
      z.object({
        code: text("code"),
        type: z.enum(["CLUB", "SCA", "CODEP", "REGION", "NATIONAL"], {
          errorMap: () => ({ message: "type invalide (CLUB, SCA, CODEP, REGION ou NATIONAL)" }),
        }),
        name: text("nom"),
        parent: z.string().trim().min(1).nullish(),
      }),
    )
    .default([]),
  commissions: z.array(z.object({ code: text("code"), name: text("nom") })).default([]),
  licensees: z
    .array(
      z.object({
        licence,
        nom: text("nom"),
        prenom: text("prénom"),
        naissance: isoDate,
        structure: text("code de structure"),
        licences: z
          .array(
            z.object({
              saison: z
                .number({ required_error: "obligatoire", invalid_type_error: "saison invalide" })
                .int("saison invalide")
                .min(1900, "saison invalide")
                .max(2100, "saison invalide"),
              statut: z.enum(["validee", "en_attente"], {
                errorMap: () => ({ message: "statut invalide (validee ou en_attente)" }),
              }),
            }),
          )
          .default([]),
        brevets: z
          .array(z.object({ code: text("code"), date: isoDate, numero: z.string().trim().min(1).nullish() }))
          .default([]),
        // An organiser's code, or { organisateur, date }: the day the licensee authorised it.
        autorisations: z
          .array(
            z
              .union([text("organisateur"), z.object({ organisateur: text("organisateur"), date: isoDate.nullable() })])
              .transform((a) => (typeof a === "string" ? { organisateur: a, date: null } : a)),
          )
          .default([]),
      }),
    )
    .default([]),
  users: z
    .array(
      z.object({
        email: z
          .string({ required_error: "obligatoire", invalid_type_error: "adresse e-mail invalide" })
          .trim()
          .email("adresse e-mail invalide"),
        password: z
          .string({ required_error: "obligatoire", invalid_type_error: "mot de passe invalide" })
          .min(8, "mot de passe trop court (8 caractères au moins)"),
        nom: text("nom"),
        scopes: z
          .array(
            z.object({
              organiser: text("organisateur"),
              role: z.enum(["gestionnaire", "lecteur"], {
                errorMap: () => ({ message: "rôle invalide (gestionnaire ou lecteur)" }),
              }),
            }),
          )
          .default([]),
        admin: z.boolean({ invalid_type_error: "booléen attendu" }).optional(),
        licence: licence.nullish(),
      }),
    )
    .default([]),
  sessions: z
    .array(
      z.object({
        intitule: text("intitulé"),
        organisateur: text("organisateur"),
        brevet: text("code de brevet"),
        lieu: z.string().trim().default(""),
        debut: isoDate,
        fin: isoDate.nullish(),
        statut: z
          .enum(["en_creation", "cloturee"], {
            errorMap: () => ({ message: "statut invalide (en_creation ou cloturee)" }),
          })
          .default("en_creation"),
        candidats: z.array(z.object({ licence, equivalence: z.string().trim().min(1).nullish() })).default([]),
        jury: z
          .array(
            z.object({
              licence,
              role: z.enum(["president", "delegue", "membre"], {
                errorMap: () => ({ message: "rôle invalide (president, delegue ou membre)" }),
              }),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

export type World = z.infer<typeof worldSchema>;
export type WorldInput = z.input<typeof worldSchema>;

/** `licensees[12].naissance` from Zod's path `["licensees", 12, "naissance"]`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>(
    (out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    "",
  );
}
