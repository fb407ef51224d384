import { TextField } from "~/components/TextField";
import { AuthenticityTokenInput, Button } from "~/components/FormParts";
import {
  InviteSchema,
  parseWithZod,
  assertGrantable,
  grantableOrganisers,
  inviteUser,
  requireUserAdmin,
  invitationMail,
  sendMail,
  requestClient,
  flashHeader,
  readForm,
  requireViewer,
  json,
  redirect,
} from "./route.server";
import { useFormFeedback } from "~/utils/form-feedback";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FieldError, FormErrors } from "~/components/FieldError";
import { ScopeRows } from "~/components/ScopeRows";

export const meta: MetaFunction = () => [{ title: "Inviter un utilisateur – Sessions" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const managed = requireUserAdmin(await requireViewer(request));
  return json({ organisers: await grantableOrganisers(managed) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const managed = requireUserAdmin(viewer);
  const submission = parseWithZod(await readForm(request), { schema: InviteSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const input = submission.value;
  await assertGrantable(
    viewer,
    managed,
    input.scopes.map((s) => s.organiser),
  );
  const known = new Set((await grantableOrganisers(managed)).map((o) => o.id));
  if (input.scopes.some((s) => !known.has(s.organiser))) {
    return json(submission.reply({ fieldErrors: { scopes: ["Portée inconnue."] } }), { status: 400 });
  }
  const client = requestClient(request, context);
  const result = await inviteUser(
    viewer,
    {
      email: input.email,
      name: input.name,
      licence: input.licence ?? null,
      scopes: input.scopes.map((s) => ({ organiserId: s.organiser, role: s.role })),
    },
    client,
  );
  if (!result.ok) return json(submission.reply({ fieldErrors: { [result.field]: [result.message] } }), { status: 400 });
  const mail = invitationMail(input.email.toLowerCase(), input.name, viewer.user.name, result.token);
  const messages = [`Invitation envoyée à ${input.email.toLowerCase()}.`];
  try {
    const delivery = await sendMail(mail);
    // Without a mail server, the inviting administrator hands the link over himself.
    if (delivery.via === "outbox")
      messages.push(`Aucun serveur d'e-mail n'est configuré : transmettez ce lien d'invitation : ${mail.link}`);
  } catch (error) {
    console.error(`Envoi de l'invitation à ${input.email} impossible :`, error);
    messages[0] = `Le compte est créé mais l'e-mail n'a pas pu partir : transmettez ce lien d'invitation : ${mail.link}`;
  }
  return redirect("/administration/utilisateurs", {
    headers: { "Set-Cookie": await flashHeader(request, "success", messages) },
  });
}

export default function Invite() {
  const { organisers } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useFormFeedback("inviter", lastResult, {
    names: ["email", "name", "licence", "scopes"],
    required: ["email", "name"],
  });
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-semibold">Inviter un utilisateur</h1>
      <Form method="post" id={form.id} noValidate className="mt-6 space-y-4 rounded-lg bg-white p-6 shadow">
        <AuthenticityTokenInput />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.email} label="Adresse e-mail" type="email" />
        <TextField field={fields.name} label="Nom" />
        <TextField field={fields.licence} label="Licence (facultatif)" placeholder="A-12-345678" />
        <fieldset aria-describedby={fields.scopes.errors ? fields.scopes.errorId : undefined}>
          <legend className="font-medium">Portées et rôles</legend>
          <ScopeRows organisers={organisers} rows={[]} count={3} />
          <FieldError id={fields.scopes.errorId} errors={fields.scopes.errors} />
        </fieldset>
        <Button>Inviter</Button>
      </Form>
    </div>
  );
}
