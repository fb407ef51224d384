import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadPasswordLink, submitPasswordLink } from "./route.server";
import { PasswordLinkPage } from "~/components/ChoosePasswordForm";

export const meta: MetaFunction = () => [{ title: "Choisir un mot de passe – Sessions" }];

export function loader({ params }: LoaderFunctionArgs) {
  return loadPasswordLink(params.token, "invitation");
}

export function action({ request, context, params }: ActionFunctionArgs) {
  return submitPasswordLink(request, context, params.token, "invitation");
}

export default function AcceptInvitation() {
  return (
    <PasswordLinkPage
      link={useLoaderData<typeof loader>()}
      result={useActionData<typeof action>()}
      intro={({ name, email }) => `Bienvenue ${name} : choisissez le mot de passe de votre compte ${email}.`}
    />
  );
}
