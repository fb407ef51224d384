import { z } from "zod";

/** "Appliquer les changements": the signed description of the changes shown (see `Preview`). */
export const ApplySchema = z.object({ payload: z.string() });
