import { parseWithZod } from "@conform-to/zod";
import { json, redirect } from "@remix-run/node";
import { requestClient } from "~/utils/client.server";
import { startLoginSession } from "~/utils/auth.server";
import { readForm } from "~/utils/read-form.server";
import { authUserById, choosePassword } from "./accounts.server";
import { choosePasswordSchema } from "./password-form.server";
import { passwordProblem } from "./password-policy.server";
import { checkPasswordToken } from "./tokens.server";
import { db } from "~/utils/db.server";

/** The loader of /invitation/<token> and /reinitialiser/<token>: the link's account, or why it is void. */
export async function loadPasswordLink(token: string | undefined, purpose: "invitation" | "reset") {
  const check = await checkPasswordToken(db, token, purpose);
  if (!check.ok) return json({ valid: false as const, message: check.message, email: "", name: "" }, { status: 410 });
  return json({ valid: true as const, message: null, email: check.email, name: check.name });
}

/** The action of those pages: the password is set, every login ended, and this browser logged in. */
export async function submitPasswordLink(
  request: Request,
  context: unknown,
  token: string | undefined,
  purpose: "invitation" | "reset",
) {
  const check = await checkPasswordToken(db, token, purpose);
  if (!check.ok) return json({ valid: false as const, message: check.message, reply: null }, { status: 410 });
  const submission = parseWithZod(await readForm(request), {
    schema: choosePasswordSchema((password) => passwordProblem(password, check.email)),
  });
  if (submission.status !== "success") {
    return json(
      { valid: true as const, message: null, reply: submission.reply({ hideFields: ["password", "confirmation"] }) },
      { status: 400 },
    );
  }
  const client = requestClient(request, context);
  const chosen = await choosePassword(token!, purpose, submission.value.password, client);
  if (!chosen.ok) return json({ valid: false as const, message: chosen.message, reply: null }, { status: 410 });
  const cookie = await startLoginSession(await authUserById(chosen.userId), client);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}
