import { z } from "zod";
import { postedId } from "~/utils/form-schemas.server";

export const NOT_IN_SESSION = "Cette personne ne fait plus partie de la session.";

/** A person block's « Retirer »: a candidate or a jury member, by row id. */
export const RemoveSchema = z.union([
  z.object({ intent: z.literal("remove"), candidate: postedId(NOT_IN_SESSION) }),
  z.object({ intent: z.literal("remove"), member: postedId(NOT_IN_SESSION) }),
]);
