import {
  parseWithZod,
  endLogins,
  choosePasswordSchema,
  passwordProblem,
  recordSecurityEvent,
  requestClient,
  db,
  flashHeader,
  readFlash,
  readForm,
  requireViewer,
  json,
  redirect,
} from "./route.server";
import { AuthenticityTokenInput, Button, FlashMessage } from "~/components/FormParts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { createHash } from "node:crypto";
import { ChoosePasswordForm } from "~/components/ChoosePasswordForm";
import { formatDateTime } from "~/utils/format";
import { DataTable } from "~/components/DataTable";
import { hashPassword, verifyPassword } from "../../../db/password";

export const meta: MetaFunction = () => [{ title: "Mon compte – Sessions" }];

/** A short name of the browser and system from a user agent, for « Mes connexions ». */
function browserName(userAgent: string | null): string {
  if (!userAgent) return "Navigateur inconnu";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "Autre navigateur";
  const system = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Windows/.test(userAgent)
        ? "Windows"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return system ? `${browser} (${system})` : browser;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const [logins, { flash, headers }] = await Promise.all([
    db
      .selectFrom("login_sessions")
      .select(["id", "created_at", "last_seen_at", "user_agent", "ip"])
      .where("user_id", "=", viewer.user.id)
      .orderBy("last_seen_at", "desc")
      .execute(),
    readFlash(request),
  ]);
  return json(
    {
      email: viewer.user.email,
      flash,
      logins: logins.map((l) => ({
        ref: loginRef(l.id),
        current: l.id === viewer.loginSessionId,
        createdAt: l.created_at,
        lastSeenAt: l.last_seen_at,
        browser: browserName(l.user_agent),
        ip: l.ip ?? "inconnue",
      })),
    },
    { headers },
  );
}

/** A login is named in the page by a digest of its id: the id itself is the cookie's secret. */
const loginRef = (id: string) => createHash("sha256").update(id).digest("hex").slice(0, 24);

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const form = await readForm(request);
  const client = requestClient(request, context);
  const intent = form.get("intent");
  if (intent === "changer-mot-de-passe") {
    const user = await db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", viewer.user.id)
      .executeTakeFirstOrThrow();
    const submission = await parseWithZod(form, {
      async: true,
      schema: choosePasswordSchema((password) => passwordProblem(password, viewer.user.email), true).superRefine(
        async (value, ctx) => {
          if (!value.current || !(await verifyPassword(value.current, user.password_hash))) {
            ctx.addIssue({ code: "custom", path: ["current"], message: "Le mot de passe actuel est incorrect." });
          }
        },
      ),
    });
    if (submission.status !== "success") {
      return json(
        { reply: submission.reply({ hideFields: ["current", "password", "confirmation"] }) },
        { status: 400 },
      );
    }
    const hash = await hashPassword(submission.value.password);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("users").set({ password_hash: hash }).where("id", "=", viewer.user.id).execute();
      await endLogins(trx, viewer.user.id, viewer.loginSessionId);
      await recordSecurityEvent(trx, {
        kind: "password_changed",
        userId: viewer.user.id,
        email: viewer.user.email,
        client,
      });
    });
    return redirect("/compte", {
      headers: {
        "Set-Cookie": await flashHeader(request, "success", [
          "Mot de passe changé. Vos autres connexions sont fermées.",
        ]),
      },
    });
  }
  if (intent === "deconnecter-autres") {
    await endLogins(db, viewer.user.id, viewer.loginSessionId);
    return redirect("/compte", {
      headers: { "Set-Cookie": await flashHeader(request, "success", ["Vos autres connexions sont fermées."]) },
    });
  }
  if (intent === "deconnecter") {
    const ref = form.get("connexion");
    const logins = await db.selectFrom("login_sessions").select("id").where("user_id", "=", viewer.user.id).execute();
    const target = logins.find((l) => loginRef(l.id) === ref);
    if (target)
      await db.deleteFrom("login_sessions").where("id", "=", target.id).where("user_id", "=", viewer.user.id).execute();
    if (target?.id === viewer.loginSessionId) return redirect("/connexion");
    return redirect("/compte", {
      headers: {
        "Set-Cookie": await flashHeader(request, "success", [
          target ? "Connexion fermée." : "Cette connexion était déjà fermée.",
        ]),
      },
    });
  }
  return json({ reply: null }, { status: 400 });
}

export default function Account() {
  const { email, logins, flash } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold">Mon compte</h1>
      <p className="mt-1 text-slate-600">{email}</p>
      <FlashMessage flash={flash} />
      <section aria-labelledby="changer-titre" className="mt-8 max-w-md">
        <h2 id="changer-titre" className="text-xl font-semibold">
          Changer le mot de passe
        </h2>
        <ChoosePasswordFormWithIntent lastResult={result?.reply ?? undefined} email={email} />
      </section>
      <section aria-labelledby="connexions-titre" className="mt-10">
        <h2 id="connexions-titre" className="text-xl font-semibold">
          Mes connexions
        </h2>
        <DataTable
          className="mt-3"
          tableClassName="border-collapse bg-white shadow"
          caption="Mes connexions"
          columns={["Depuis", "Dernière activité", "Navigateur", "Adresse IP", { label: "Action", hidden: true }]}
        >
          <tbody>
            {logins.map((login) => (
              <tr key={login.ref} className="border-b">
                <td className="px-3 py-2">{formatDateTime(login.createdAt)}</td>
                <td className="px-3 py-2">{formatDateTime(login.lastSeenAt)}</td>
                <td className="px-3 py-2">
                  {login.browser}
                  {login.current ? <strong className="ml-2">(cette connexion)</strong> : null}
                </td>
                <td className="px-3 py-2">{login.ip}</td>
                <td className="px-3 py-2">
                  <Form method="post">
                    <AuthenticityTokenInput />
                    <input type="hidden" name="connexion" value={login.ref} />
                    <button
                      type="submit"
                      name="intent"
                      value="deconnecter"
                      className="rounded border border-slate-400 px-2 py-1"
                    >
                      Déconnecter
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
        <Form method="post" className="mt-3">
          <AuthenticityTokenInput />
          <Button name="intent" value="deconnecter-autres" size="md">
            Déconnecter toutes les autres
          </Button>
        </Form>
      </section>
    </div>
  );
}

function ChoosePasswordFormWithIntent(props: {
  lastResult: Parameters<typeof ChoosePasswordForm>[0]["lastResult"];
  email: string;
}) {
  return (
    <ChoosePasswordForm
      id="changer-mot-de-passe"
      lastResult={props.lastResult}
      withCurrent
      submitLabel="Changer le mot de passe"
      email={props.email}
      intent="changer-mot-de-passe"
    />
  );
}
