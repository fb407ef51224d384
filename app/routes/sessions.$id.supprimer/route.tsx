import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useRouteLoaderData } from "@remix-run/react";
import { recordHistory } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { flashHeader } from "~/utils/flash.server";
import { requireSession, requireViewer } from "~/utils/scope.server";
import type { SessionLayoutLoader } from "../sessions.$id/route";
import { AuthenticityTokenInput } from "~/components/AuthenticityTokenInput";

/** The confirmation page: deleting works without JavaScript, and never by a single click. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  await requireSession(viewer, params.id, { write: true });
  return json({});
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const access = await requireSession(viewer, params.id, { write: true });
  const title = await db.transaction().execute(async (trx) => {
    const session = await trx
      .selectFrom("exam_sessions")
      .select(["title", "certification_code", "start_date"])
      .where("id", "=", access.id)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom("exam_sessions").where("id", "=", access.id).where("status", "=", "draft").execute();
    await recordHistory(trx, {
      userId: viewer.user.id,
      sessionId: access.id,
      action: "session_deleted",
      details: `${session.title} (${session.certification_code}, ${session.start_date})`,
    });
    return session.title;
  });
  return redirect("/sessions", {
    headers: { "Set-Cookie": await flashHeader(request, "success", [`La session « ${title} » a été supprimée.`]) },
  });
}

export default function DeleteSession() {
  const layout = useRouteLoaderData<SessionLayoutLoader>("routes/sessions.$id");
  const session = layout!.session;
  return (
    <section aria-labelledby="suppression-titre" className="max-w-2xl rounded border border-red-300 bg-white p-5 shadow">
      <h2 id="suppression-titre" className="text-lg font-semibold text-red-900">Supprimer la session</h2>
      <p className="mt-2">
        Supprimer la session « {session.title} » avec ses {session.candidate_count} candidat
        {session.candidate_count > 1 ? "s" : ""} et son jury ? Cette action est définitive.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <Form method="post">
          <AuthenticityTokenInput />
          <button type="submit" className="rounded bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-900">
            Supprimer définitivement
          </button>
        </Form>
        <Link to={`/sessions/${session.id}`} className="text-brand-700 underline">Annuler</Link>
      </div>
    </section>
  );
}
