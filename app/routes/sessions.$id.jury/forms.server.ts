import { z } from "zod";
import type { JuryRole } from "../../../db/schema";
import { JURY_ROLE_LABELS } from "~/utils/format";
import { addFormSchemas, postedId } from "~/utils/form-schemas.server";

export const ROLE_MESSAGE = "Choisissez le rôle : Président de jury, Délégué ou Membre du jury.";
export const NOT_IN_JURY = "Cette personne ne fait plus partie du jury.";
export const JURY_ROLES = Object.keys(JURY_ROLE_LABELS) as [JuryRole, ...JuryRole[]];

/** The two forms of the tab: "Ajouter au jury" (the ticked search results, with a role) and a row's "Retirer". */
export const JuryFormSchema = z.discriminatedUnion("intent", [
  ...addFormSchemas("Cochez au moins un licencié à ajouter au jury.", {
    role: z.enum(JURY_ROLES, { errorMap: () => ({ message: ROLE_MESSAGE }) }),
  }),
  z.object({ intent: z.literal("remove"), member: postedId(NOT_IN_JURY) }),
]);
