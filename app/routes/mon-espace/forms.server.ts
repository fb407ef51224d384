import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { MESSAGES, parseId } from "~/licensees/authorisations.server";

/** The organiser search (`q`, `page`), in the URL or kept in a post. Never fails: a bad page is page 1. */
function organiserSearchSchema() {
  return z.object({
    q: z
      .string()
      .catch("")
      .transform((q) => q.slice(0, 200)),
    page: z
      .string()
      .regex(/^\d{1,4}$/)
      .transform(Number)
      .catch(1),
  });
}

/** "Autoriser" on a search result. Built on each call: its messages come from a server module. */
function authoriseSchema() {
  return z.object({
    intent: z.literal("authorise"),
    organiser: z.string({ required_error: MESSAGES.badOrganiser }).transform((raw, ctx) => {
      const id = parseId(raw);
      if (id === null) {
        ctx.addIssue({ code: "custom", message: MESSAGES.badOrganiser });
        return z.NEVER;
      }
      return id;
    }),
  });
}

export function searchParams(source: URLSearchParams | FormData) {
  const submission = parseWithZod(source, { schema: organiserSearchSchema() });
  return submission.status === "success" ? submission.value : { q: "", page: 1 };
}

export function parseAuthorise(form: FormData) {
  return parseWithZod(form, { schema: authoriseSchema() });
}
