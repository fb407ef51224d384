import { z } from "zod";
import { KeptSearchSchema, postedId, tickedLicensees } from "~/utils/form-schemas.server";

export const NOT_A_CANDIDATE = "Ce candidat ne fait plus partie de la session.";
export const BAD_EQUIVALENCE = "Équivalence invalide.";
export const NO_LICENCE = "Saisissez au moins un numéro de licence.";

/**
 * The forms of the tab: "Ajouter" (the ticked search results), « Ajouter par numéros de licence »,
 * a row's "Retirer", a row's équivalence.
 */
export const ParticipantsFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    licensee: tickedLicensees("Cochez au moins un licencié à ajouter."),
    ...KeptSearchSchema.shape,
  }),
  z.object({
    intent: z.literal("add-licences"),
    licences: z.string({ required_error: NO_LICENCE }).trim().min(1, NO_LICENCE).max(5000, "Texte trop long."),
  }),
  z.object({ intent: z.literal("remove"), candidate: postedId(NOT_A_CANDIDATE) }),
  z.object({
    intent: z.literal("equivalence"),
    candidate: postedId(BAD_EQUIVALENCE),
    // "Aucune" posts an empty value: no equivalence.
    equivalence: z.string().trim().max(20, BAD_EQUIVALENCE).optional(),
  }),
]);
