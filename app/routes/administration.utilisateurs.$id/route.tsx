import { AuthenticityTokenInput, Button } from "~/components/FormParts";
import {
  ScopesSchema,
  parseWithZod,
  assertGrantable,
  changeScopes,
  grantableOrganisers,
  requireManagedUser,
  requireUserAdmin,
  setDisabled,
  requestClient,
  flashHeader,
  readForm,
  requireViewer,
  json,
  redirect,
} from "./route.server";
import { useFormFeedback } from "~/utils/form-feedback";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FieldError, FormErrors } from "~/components/FieldError";
import { ScopeRows } from "~/components/ScopeRows";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Utilisateur – Sessions" }];

const STATE_LABELS = { active: "Actif", invited: "Invité", disabled: "Désactivé" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const managed = requireUserAdmin(viewer);
  const user = await requireManagedUser(viewer, managed, params.id);
  const organisers = await grantableOrganisers(managed);
  const grantable = new Set(organisers.map((o) => o.id));
  return json({
    user,
    self: user.id === viewer.user.id,
    organisers,
    editable: user.scopes.filter((s) => grantable.has(s.organiserId)),
    others: user.scopes.filter((s) => !grantable.has(s.organiserId)),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const managed = requireUserAdmin(viewer);
  const user = await requireManagedUser(viewer, managed, params.id);
  const form = await readForm(request);
  const client = requestClient(request, context);
  const intent = form.get("intent");
  if (intent === "desactiver" || intent === "reactiver") {
    if (user.id === viewer.user.id) {
      return json({ formErrors: ["Vous ne pouvez pas désactiver votre propre compte."] }, { status: 400 });
    }
    await setDisabled(viewer, user, intent === "desactiver", client);
    const message =
      intent === "desactiver"
        ? `${user.email} est désactivé : ses connexions sont fermées.`
        : `${user.email} est réactivé.`;
    return redirect("/administration/utilisateurs", {
      headers: { "Set-Cookie": await flashHeader(request, "success", [message]) },
    });
  }
  const submission = parseWithZod(form, { schema: ScopesSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const scopes = submission.value.scopes;
  await assertGrantable(
    viewer,
    managed,
    scopes.map((s) => s.organiser),
  );
  const known = new Set((await grantableOrganisers(managed)).map((o) => o.id));
  if (scopes.some((s) => !known.has(s.organiser))) {
    return json(submission.reply({ fieldErrors: { scopes: ["Portée inconnue."] } }), { status: 400 });
  }
  await changeScopes(
    viewer,
    managed,
    user,
    scopes.map((s) => ({ organiserId: s.organiser, role: s.role })),
    client,
  );
  return redirect("/administration/utilisateurs", {
    headers: { "Set-Cookie": await flashHeader(request, "success", [`Portées de ${user.email} enregistrées.`]) },
  });
}

export default function UserPage() {
  const { user, self, organisers, editable, others } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useFormFeedback("portees", lastResult && "status" in lastResult ? lastResult : undefined, {
    names: ["scopes"],
  });
  const plainErrors =
    lastResult && !("status" in lastResult) && "formErrors" in lastResult
      ? (lastResult.formErrors as string[])
      : undefined;
  return (
    <div className="mx-auto max-w-2xl">
      <p>
        <Link to="/administration/utilisateurs" className="text-brand-700 underline">
          Utilisateurs
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{user.name}</h1>
      <p className="text-slate-600">
        {user.email} — {STATE_LABELS[user.state]} — dernière connexion :{" "}
        {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "jamais"}
      </p>
      <FormErrors id="etat-erreurs" errors={plainErrors} />
      <Form method="post" id={form.id} noValidate className="mt-6 space-y-4 rounded-lg bg-white p-6 shadow">
        <AuthenticityTokenInput />
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset aria-describedby={fields.scopes.errors ? fields.scopes.errorId : undefined}>
          <legend className="font-medium">Portées et rôles</legend>
          {others.length > 0 ? (
            <p className="mb-2 text-sm text-slate-600">
              Autres portées (hors de votre gestion) : {others.map((s) => `${s.name} (${s.role})`).join(", ")}
            </p>
          ) : null}
          <ScopeRows organisers={organisers} rows={editable} count={editable.length + 2} />
          <FieldError id={fields.scopes.errorId} errors={fields.scopes.errors} />
        </fieldset>
        <Button name="intent" value="portees">
          Enregistrer les portées
        </Button>
      </Form>
      {self ? null : (
        <Form method="post" className="mt-6">
          <AuthenticityTokenInput />
          {user.state === "disabled" ? (
            <Button variant="plain" name="intent" value="reactiver">
              Réactiver
            </Button>
          ) : (
            <Button variant="danger" name="intent" value="desactiver">
              Désactiver
            </Button>
          )}
        </Form>
      )}
    </div>
  );
}
