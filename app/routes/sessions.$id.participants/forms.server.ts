import { z } from "zod";
import { addFormSchemas, postedId } from "~/utils/form-schemas.server";

export const NOT_A_CANDIDATE = "Ce candidat ne fait plus partie de la session.";
export const BAD_EQUIVALENCE = "Équivalence invalide.";
export const NONE_TICKED = "Cochez au moins un licencié à ajouter.";

/**
 * The forms of the tab: "Ajouter" (the ticked search results), « Ajouter par numéros de licence »,
 * a row's "Retirer", a row's équivalence.
 */
export const ParticipantsFormSchema = z.discriminatedUnion("intent", [
  ...addFormSchemas(NONE_TICKED, {}),
  z.object({ intent: z.literal("remove"), candidate: postedId(NOT_A_CANDIDATE) }),
  z.object({
    intent: z.literal("equivalence"),
    candidate: postedId(BAD_EQUIVALENCE),
    // "Aucune" posts an empty value: no equivalence.
    equivalence: z.string().trim().max(20, BAD_EQUIVALENCE).optional(),
  }),
]);
