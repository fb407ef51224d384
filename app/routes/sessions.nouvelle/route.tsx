import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/FieldError";
import { SessionFields } from "~/components/SessionFields";
import { BackLink, Button, AuthenticityTokenInput } from "~/components/FormParts";
import { checkSessionDates } from "~/domain/session-dates";
import {
  createSession,
  organisableCertifications,
  db,
  NewSessionSchema,
  parseWithZod,
  READ_ONLY_MESSAGE,
  requireNewSessionScope,
  requireViewer,
  type Viewer,
  readForm,
  flashHeader,
  json,
  redirect,
} from "./route.server";
import { useFormFeedback } from "~/utils/form-feedback";

export const meta: MetaFunction = () => [{ title: "Créer une session – Sessions" }];

const ANTEOR_MESSAGE = "Les sessions ANTEOR doivent être importées depuis le bordereau Excel.";

/** The scope a session is created for: the current one, held as gestionnaire. */
const creationScope = (viewer: Viewer) => requireNewSessionScope(viewer, READ_ONLY_MESSAGE);

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = creationScope(await requireViewer(request));
  const brevets = scope ? await organisableCertifications(scope.organiserId) : [];
  return json({ scope, brevets: brevets.map((b) => ({ code: b.code, name: b.name })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const scope = creationScope(viewer);
  const submission = parseWithZod(await readForm(request), { schema: NewSessionSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  if (!scope) {
    return json(
      submission.reply({
        formErrors: ["Choisissez d'abord, en haut de la page, la portée pour laquelle créer la session."],
      }),
      { status: 400 },
    );
  }
  const input = submission.value;
  const brevets = await organisableCertifications(scope.organiserId);
  const brevet = brevets.find((b) => b.code === input.certification);
  if (!brevet) {
    return json(
      submission.reply({ fieldErrors: { certification: ["Cet organisateur ne peut pas organiser ce brevet"] } }),
      { status: 400 },
    );
  }
  if (brevet.code === "ANTEOR") {
    return json(submission.reply({ fieldErrors: { certification: [ANTEOR_MESSAGE] } }), { status: 400 });
  }
  const datesProblem = checkSessionDates(brevet.code, input.startDate, input.endDate);
  if (datesProblem) return json(submission.reply({ fieldErrors: { endDate: [datesProblem] } }), { status: 400 });

  const session = {
    title: input.title,
    organiserId: scope.organiserId,
    certificationCode: brevet.code,
    place: input.place,
    startDate: input.startDate,
    endDate: input.endDate,
  };
  const id = await createSession(db, viewer.user.id, session);
  return redirect(`/sessions/${id}`, {
    headers: {
      "Set-Cookie": await flashHeader(request, "success", ["Session créée : ajoutez maintenant les candidats."]),
    },
  });
}

export default function NewSession() {
  const { scope, brevets } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useFormFeedback("nouvelle-session", lastResult, {
    names: ["title", "certification", "place", "startDate", "endDate"],
    required: ["title", "certification", "startDate"],
  });
  return (
    <div className="max-w-2xl">
      <BackLink to="/sessions">Toutes les sessions</BackLink>
      <h1 className="mt-2 text-2xl font-semibold">Créer une nouvelle session</h1>
      {!scope ? (
        <p className="mt-4 rounded border border-amber-300 bg-amber-50 px-3 py-2">
          Choisissez d'abord, en haut de la page, la portée (club ou commission) pour laquelle créer la session.
        </p>
      ) : (
        <>
          <p className="mt-1 text-slate-700">
            Organisateur : <strong>{scope.name}</strong>
          </p>
          <Form method="post" id={form.id} noValidate className="mt-4 space-y-4 rounded bg-white p-5 shadow">
            <AuthenticityTokenInput />
            <FormErrors id={form.errorId} errors={form.errors} />
            <SessionFields
              fields={fields}
              certification={{ kind: "choice", field: fields.certification, options: brevets }}
              titleHint="Libre : par exemple une nomenclature habituelle, ou le nom d'une personne à honorer."
            />
            <Button>Sauvegarder</Button>
          </Form>
        </>
      )}
    </div>
  );
}
