import { TextField } from "~/components/TextField";
import { AuthenticityTokenInput, Button, Notice } from "~/components/FormParts";
import {
  ForgottenSchema,
  parseWithZod,
  requestPasswordReset,
  requestClient,
  readForm,
  json,
  redirect,
} from "./route.server";
import { useFormFeedback } from "~/utils/form-feedback";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Mot de passe oublié – Sessions" }];

export const RESET_ASKED = "Si un compte existe pour cette adresse, un e-mail vient de lui être envoyé.";

export function loader({ request }: LoaderFunctionArgs) {
  return json({ sent: new URL(request.url).searchParams.get("envoye") === "1" });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ForgottenSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  await requestPasswordReset(submission.value.email, requestClient(request, context));
  return redirect("/mot-de-passe-oublie?envoye=1");
}

export default function ForgottenPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useFormFeedback("mot-de-passe-oublie", lastResult, { names: ["email"], required: ["email"] });
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Mot de passe oublié</h1>
      {sent ? (
        <Notice tone="success" className="mt-4">
          {RESET_ASKED}
        </Notice>
      ) : (
        <p className="mt-2 text-slate-600">Recevez par e-mail un lien pour choisir un nouveau mot de passe.</p>
      )}
      <Form method="post" id={form.id} noValidate className="mt-6 space-y-4 rounded-lg bg-white p-6 shadow">
        <AuthenticityTokenInput />
        <TextField field={fields.email} label="Adresse e-mail" type="email" autoComplete="username" />
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          Recevoir un lien
        </Button>
        <p className="text-center text-sm">
          <a href="/connexion" className="text-brand-700 underline">
            Retour à la connexion
          </a>
        </p>
      </Form>
    </div>
  );
}
