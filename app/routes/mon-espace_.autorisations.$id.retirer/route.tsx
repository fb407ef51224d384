import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, AuthenticityTokenInput } from "~/components/FormParts";
import { todayInParis } from "~/domain/dates";
import {
  db,
  flashHeader,
  requireViewer,
  MESSAGES,
  findOwnAuthorisation,
  parseId,
  withdrawAuthorisation,
  requireOwnLicensee,
  json,
  redirect,
} from "./route.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Retirer une autorisation – Sessions" }];

/** The confirmation page: withdrawing works without JavaScript, and never by a single click. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const licenseeId = requireOwnLicensee(viewer);
  const id = parseId(params.id);
  const authorisation = id === null ? undefined : await findOwnAuthorisation(db, licenseeId, id);
  if (!authorisation) throw json({ message: MESSAGES.alreadyWithdrawn }, { status: 404 });
  return json({
    authorisation: {
      ...authorisation,
      givenOn: authorisation.givenAt ? todayInParis(new Date(authorisation.givenAt)) : null,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const licenseeId = requireOwnLicensee(viewer);
  const id = parseId(params.id);
  const outcome =
    id === null
      ? ({ ok: false, message: MESSAGES.badAuthorisation } as const)
      : await withdrawAuthorisation(db, { userId: viewer.user.id, licenseeId, authorisationId: id });
  const [kind, message] = outcome.ok
    ? (["success", `Autorisation retirée à « ${outcome.name} » (${outcome.code}).`] as const)
    : (["error", outcome.message] as const);
  return redirect("/mon-espace", { headers: { "Set-Cookie": await flashHeader(request, kind, [message]) } });
}

export default function WithdrawAuthorisation() {
  const { authorisation } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="retrait-titre" className="max-w-2xl rounded border border-red-300 bg-white p-5 shadow">
      <h1 id="retrait-titre" className="text-xl font-semibold text-red-900">
        Retirer l'autorisation
      </h1>
      <p className="mt-2">
        Retirer l'autorisation donnée à « {authorisation.name} » ({authorisation.code})
        {authorisation.givenOn ? ` le ${formatDate(authorisation.givenOn)}` : ""} ?
      </p>
      <p className="mt-2 text-slate-700">
        Elle ne pourra plus délivrer de brevets en votre nom : ses sessions en création dont vous êtes président de jury
        ou délégué ne pourront plus être clôturées. Les sessions déjà clôturées ne changent pas.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <Form method="post">
          <AuthenticityTokenInput />
          <Button variant="danger">Retirer l'autorisation</Button>
        </Form>
        <Link to="/mon-espace" className="text-brand-700 underline">
          Annuler
        </Link>
      </div>
    </section>
  );
}
