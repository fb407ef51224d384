import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/FieldError";
import { FlashMessage, Button, AuthenticityTokenInput } from "~/components/FormParts";
import { SessionFields } from "~/components/SessionFields";
import {
  listAwards,
  listHistory,
  saveInformation,
  db,
  readFlash,
  InformationSchema,
  parseWithZod,
  requireViewerAndSession,
  readForm,
  json,
  redirect,
} from "./route.server";
import { keepPageOnRefusal, useSessionLayout } from "~/sessions/layout";
import { DataTable } from "~/components/DataTable";
import { formatDate, formatDateTime } from "~/utils/format";
import { useFormFeedback } from "~/utils/form-feedback";

/** A refused save (4xx) keeps the page as the user saw it, so that the form can say why. */
export const shouldRevalidate = keepPageOnRefusal;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access } = await requireViewerAndSession(request, params.id);
  const saved = new URL(request.url).searchParams.has("enregistre");
  const [history, awards, { flash, headers }] = await Promise.all([
    listHistory(db, access.id),
    access.status === "closed" ? listAwards(db, access.id) : Promise.resolve([]),
    readFlash(request),
  ]);
  return json({ history, saved, awards, flash }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, access } = await requireViewerAndSession(request, params.id, { write: true });
  const submission = parseWithZod(await readForm(request), { schema: InformationSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const result = await saveInformation(db, access.id, viewer.user.id, submission.value);
  if (!result.ok) {
    return json(
      submission.reply(
        result.field ? { fieldErrors: { [result.field]: [result.message] } } : { formErrors: [result.message] },
      ),
      { status: result.field ? 400 : 409 },
    );
  }
  return redirect(`/sessions/${access.id}?enregistre=1`);
}

export default function SessionInformation() {
  const { history, saved, awards, flash } = useLoaderData<typeof loader>();
  const layout = useSessionLayout();
  const lastResult = useActionData<typeof action>();
  const session = layout!.session;
  const [form, fields] = useFormFeedback(`session-${session.id}-${session.version}`, lastResult, {
    names: ["title", "place", "startDate", "endDate"],
    required: ["title", "startDate"],
    defaultValue: {
      title: session.title,
      place: session.place,
      startDate: session.start_date,
      endDate: session.end_date ?? "",
    },
  });

  return (
    <>
      <FlashMessage flash={flash} />
      {session.status === "closed" ? (
        <section aria-labelledby="brevets-attribues" className="mb-6 mt-3 rounded bg-white p-5 shadow">
          <h2 id="brevets-attribues" className="text-lg font-semibold">
            Brevets attribués ({awards.length})
          </h2>
          {awards.length === 0 ? (
            <p className="mt-2 text-slate-600">Aucun brevet attribué.</p>
          ) : (
            <DataTable className="mt-2" columns={["Licencié", "Licence", "N° de certificat", "Date"]}>
              <tbody>
                {awards.map((a) => (
                  <tr key={a.id} className="border-t border-slate-200">
                    <td className="px-3 py-2">
                      <Link to={`/licencies/${a.licence}`} className="text-brand-700 underline">
                        {a.last_name} {a.first_name}
                      </Link>
                    </td>
                    <td className="px-3 py-2 font-mono">{a.licence}</td>
                    <td className="px-3 py-2 font-mono">{a.certificate_number}</td>
                    <td className="px-3 py-2">{formatDate(a.obtained_on)}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </section>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="informations-titre" className="rounded bg-white p-5 shadow lg:col-span-2">
          <h2 id="informations-titre" className="text-lg font-semibold">
            Informations
          </h2>
          {layout!.canEdit ? (
            <Form method="post" key={form.id} id={form.id} noValidate className="mt-4 space-y-4">
              <AuthenticityTokenInput />
              {saved && !lastResult ? (
                <p role="status" className="rounded bg-green-50 px-3 py-2 text-green-900">
                  Session enregistrée.
                </p>
              ) : null}
              <FormErrors id={form.errorId} errors={form.errors} />
              <input type="hidden" name="version" value={session.version} />
              <SessionFields
                fields={fields}
                certification={{ kind: "fixed", name: session.certification_name, code: session.certification_code }}
              />
              <Button>Sauvegarder</Button>
            </Form>
          ) : (
            <dl className="mt-4 grid gap-x-6 gap-y-3 sm:grid-cols-2">
              <div>
                <dt className="text-sm text-slate-600">Intitulé</dt>
                <dd>{session.title}</dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600">Brevet</dt>
                <dd>
                  {session.certification_name} ({session.certification_code})
                </dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600">Organisateur</dt>
                <dd>{session.organiser_name}</dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600">Lieu</dt>
                <dd>{session.place || "—"}</dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600">Date de début</dt>
                <dd>{formatDate(session.start_date)}</dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600">Date de fin</dt>
                <dd>{session.end_date ? formatDate(session.end_date) : "—"}</dd>
              </div>
              {session.status === "closed" ? (
                <div className="sm:col-span-2">
                  <dt className="text-sm text-slate-600">Clôture</dt>
                  <dd>
                    Clôturée le {formatDateTime(session.closed_at)}
                    {session.closed_by_name ? ` par ${session.closed_by_name}` : ""}
                  </dd>
                </div>
              ) : null}
            </dl>
          )}
        </section>
        <section aria-labelledby="historique-titre" className="rounded bg-white p-5 shadow">
          <h2 id="historique-titre" className="text-lg font-semibold">
            Historique
          </h2>
          {history.length === 0 ? (
            <p className="mt-3 text-slate-600">Aucune modification enregistrée.</p>
          ) : (
            <ol className="mt-3 space-y-3 text-sm">
              {history.map((entry) => (
                <li key={entry.id}>
                  <p>
                    <strong>{entry.label}</strong> — {formatDateTime(entry.at)}
                    {entry.user_name ? `, ${entry.user_name}` : ""}
                  </p>
                  {entry.details && entry.action !== "world_loaded" ? (
                    <p className="text-slate-700">{entry.details}</p>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </>
  );
}
