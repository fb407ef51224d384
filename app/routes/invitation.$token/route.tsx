import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadPasswordLink, submitPasswordLink } from "~/accounts/choose-password-route.server";
import { ChoosePasswordForm } from "~/components/ChoosePasswordForm";

export const meta: MetaFunction = () => [{ title: "Choisir un mot de passe – Sessions" }];

export function loader({ params }: LoaderFunctionArgs) {
  return loadPasswordLink(params.token, "invitation");
}

export function action({ request, context, params }: ActionFunctionArgs) {
  return submitPasswordLink(request, context, params.token, "invitation");
}

export default function AcceptInvitation() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const message = !data.valid ? data.message : result && !result.valid ? result.message : null;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Choisir un mot de passe</h1>
      {message ? (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {message}
        </p>
      ) : (
        <>
          <p className="mt-2 text-slate-600">
            Bienvenue {data.name} : choisissez le mot de passe de votre compte {data.email}.
          </p>
          <ChoosePasswordForm
            id="choisir-mot-de-passe"
            lastResult={result?.reply ?? undefined}
            submitLabel="Enregistrer le mot de passe"
            email={data.email}
          />
        </>
      )}
    </div>
  );
}
