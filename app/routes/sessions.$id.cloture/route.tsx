import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CloseReport } from "~/components/CloseReport";
import {
  buildCloseReport,
  closeSession,
  db,
  flashHeader,
  SESSION_CLOSED_MESSAGE,
  requireViewerAndSession,
  json,
  redirect,
} from "./route.server";
import { Button, AuthenticityTokenInput } from "~/components/FormParts";
import { plural } from "~/utils/format";

/** "Clôturer": the checks first; with no error, a confirmation ("Confirmer la clôture"). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access } = await requireViewerAndSession(request, params.id, { write: true });
  return json({ report: await buildCloseReport(db, access.id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, access } = await requireViewerAndSession(request, params.id, { write: true });
  const outcome = await closeSession(db, access.id, viewer.user.id);
  if (outcome.status === "already_closed") throw json({ message: SESSION_CLOSED_MESSAGE }, { status: 409 });
  if (outcome.status === "refused") return json({ report: outcome.report }, { status: 400 });
  const message =
    outcome.awarded === 0
      ? "Session clôturée : aucun brevet attribué."
      : `Session clôturée : ${plural(outcome.awarded, "brevet attribué", "brevets attribués")}.`;
  return redirect(`/sessions/${access.id}`, {
    headers: { "Set-Cookie": await flashHeader(request, "success", [message]) },
  });
}

export default function Close() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const navigation = useNavigation();
  const report = acted?.report ?? loaded.report;
  return (
    <section aria-labelledby="cloture-titre">
      <h2 id="cloture-titre" className="text-lg font-semibold">
        Clôturer la session
      </h2>
      <div className="mt-3">
        <CloseReport report={report} />
      </div>
      {report.verdict.ok ? (
        <div className="mt-4 rounded border border-amber-300 bg-amber-50 p-4">
          <p>
            Une fois clôturée, la session ne pourra plus être modifiée : elle pourra uniquement être consultée. Les
            brevets seront attribués aux candidats indiqués ci-dessus.
          </p>
          <Form method="post" className="mt-3 flex flex-wrap items-center gap-4">
            <AuthenticityTokenInput />
            <Button disabled={navigation.state === "submitting"}>Confirmer la clôture</Button>
            <Link to=".." relative="path" className="text-brand-700 underline">
              Annuler
            </Link>
          </Form>
        </div>
      ) : null}
    </section>
  );
}
