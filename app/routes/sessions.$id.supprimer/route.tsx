import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { deleteSession, db, flashHeader, requireViewerAndSession, json, redirect } from "./route.server";
import { useSessionLayout } from "~/sessions/layout";
import { Button, AuthenticityTokenInput } from "~/components/FormParts";
import { plural } from "~/utils/format";

/** The confirmation page: deleting works without JavaScript, and never by a single click. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireViewerAndSession(request, params.id, { write: true });
  return json({});
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, access } = await requireViewerAndSession(request, params.id, { write: true });
  const title = await deleteSession(db, access.id, viewer.user.id);
  return redirect("/sessions", {
    headers: { "Set-Cookie": await flashHeader(request, "success", [`La session « ${title} » a été supprimée.`]) },
  });
}

export default function DeleteSession() {
  const layout = useSessionLayout();
  const session = layout!.session;
  return (
    <section
      aria-labelledby="suppression-titre"
      className="max-w-2xl rounded border border-red-300 bg-white p-5 shadow"
    >
      <h2 id="suppression-titre" className="text-lg font-semibold text-red-900">
        Supprimer la session
      </h2>
      <p className="mt-2">
        Supprimer la session « {session.title} » avec ses {plural(session.candidate_count, "candidat", "candidats")} et
        son jury ? Cette action est définitive.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <Form method="post">
          <AuthenticityTokenInput />
          <Button variant="danger">Supprimer définitivement</Button>
        </Form>
        <Link to={`/sessions/${session.id}`} className="text-brand-700 underline">
          Annuler
        </Link>
      </div>
    </section>
  );
}
