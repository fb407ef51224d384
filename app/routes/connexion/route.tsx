import { TextField } from "~/components/TextField";
import {
  LoginSchema,
  parseWithZod,
  attemptLogin,
  getLoginSession,
  safeRedirect,
  startLoginSession,
  requestClient,
  readForm,
  json,
  redirect,
} from "./route.server";
import { useFormFeedback } from "~/utils/form-feedback";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormErrors } from "~/components/FieldError";
import { Button, AuthenticityTokenInput } from "~/components/FormParts";

export const meta: MetaFunction = () => [{ title: "Connexion – Sessions" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getLoginSession(request)) {
    return redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/"));
  }
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: LoginSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const client = requestClient(request, context);
  const result = await attemptLogin(submission.value.email, submission.value.password, client);
  if (!result.ok) {
    return json(submission.reply({ formErrors: [result.message], hideFields: ["password"] }), {
      status: result.status,
    });
  }
  const { user } = result;
  const cookie = await startLoginSession(user, client);
  return redirect(safeRedirect(submission.value.redirectTo, "/"), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useFormFeedback("connexion", lastResult, {
    names: ["email", "password"],
    required: ["email", "password"],
  });
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Connexion</h1>
      <p className="mt-2 text-slate-600">
        Connectez-vous pour gérer les sessions d'examen de votre club ou de votre commission.
      </p>
      <Form method="post" id={form.id} noValidate className="mt-6 space-y-4 rounded-lg bg-white p-6 shadow">
        <AuthenticityTokenInput />
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField field={fields.email} label="Adresse e-mail" type="email" autoComplete="username" />
        <TextField field={fields.password} label="Mot de passe" type="password" autoComplete="current-password" />
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          Se connecter
        </Button>
        <p className="text-center text-sm">
          <a href="/mot-de-passe-oublie" className="text-brand-700 underline">
            Mot de passe oublié ?
          </a>
        </p>
      </Form>
    </div>
  );
}
