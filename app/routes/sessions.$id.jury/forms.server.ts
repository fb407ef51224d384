import { z } from "zod";
import type { JuryRole } from "../../../db/schema";
import { JURY_ROLE_LABELS } from "~/utils/format";
import { KeptSearchSchema, postedId, tickedLicensees } from "~/utils/form-schemas.server";

export const ROLE_MESSAGE = "Choisissez le rôle : Président de jury, Délégué ou Membre du jury.";
export const NOT_IN_JURY = "Cette personne ne fait plus partie du jury.";
export const NO_LICENCE = "Saisissez au moins un numéro de licence.";
export const JURY_ROLES = Object.keys(JURY_ROLE_LABELS) as [JuryRole, ...JuryRole[]];

/** The two forms of the tab: "Ajouter au jury" (the ticked search results, with a role) and a row's "Retirer". */
export const JuryFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    role: z.enum(JURY_ROLES, { errorMap: () => ({ message: ROLE_MESSAGE }) }),
    licensee: tickedLicensees("Cochez au moins un licencié à ajouter au jury."),
    ...KeptSearchSchema.shape,
  }),
  z.object({
    intent: z.literal("add-licences"),
    role: z.enum(JURY_ROLES, { errorMap: () => ({ message: ROLE_MESSAGE }) }),
    licences: z.string({ required_error: NO_LICENCE }).trim().min(1, NO_LICENCE).max(5000, "Texte trop long."),
  }),
  z.object({ intent: z.literal("remove"), member: postedId(NOT_IN_JURY) }),
]);
