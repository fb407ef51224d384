import { z } from "zod";
import { ScopeRowsSchema } from "~/accounts/scope-rows.server";

export { parseWithZod } from "~/utils/form-schemas.server";

/** A user's scopes and roles, as the administrator sets them. */
export const ScopesSchema = z.object({ scopes: ScopeRowsSchema });
