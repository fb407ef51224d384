import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FlashMessage, Button, buttonClass, AuthenticityTokenInput } from "~/components/FormParts";
import { LicenceStateBadge } from "~/components/LicenseeSearch";
import { SearchPanel } from "~/components/SearchForm";
import { DataTable } from "~/components/DataTable";
import { Panel } from "~/components/Panel";
import { RecordPanels } from "~/components/LicenseeRecord";
import { SearchResults } from "~/components/SearchResults";
import { todayInParis } from "~/domain/dates";
import { describeLicences } from "~/domain/licence";
import {
  db,
  flashHeader,
  readFlash,
  notFound,
  requireViewer,
  MESSAGES,
  authorisationHistory,
  giveAuthorisation,
  listAuthorisations,
  searchOrganisers,
  requireOwnLicensee,
  listOwnJuries,
  findLicensee,
  listHeldCertifications,
  listLicences,
  readForm,
  parseAuthorise,
  searchParams,
  firstError,
  json,
  redirect,
} from "./route.server";
import { JURY_ROLE_LABELS, formatDate, formatDateRange, formatDateTime, plural } from "~/utils/format";
import { StatusBadge } from "~/sessions/layout";

export const meta: MetaFunction = () => [{ title: "Mon espace – Sessions" }];

/** The search part of the URL, kept across a POST so that the results stay on screen. */
function searchSuffix({ q, page }: { q: string; page: number }) {
  return q.trim() ? `?${new URLSearchParams({ q, page: String(page) })}` : "";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const licenseeId = requireOwnLicensee(viewer);
  const { q, page } = searchParams(new URL(request.url).searchParams);
  const [person, licences, certifications, juries, authorisations, history, search, { flash, headers }] =
    await Promise.all([
      findLicensee(db, { id: licenseeId }),
      listLicences(db, licenseeId),
      listHeldCertifications(db, licenseeId),
      listOwnJuries(db, licenseeId),
      listAuthorisations(db, licenseeId),
      authorisationHistory(db, licenseeId),
      searchOrganisers(db, q, page, licenseeId),
      readFlash(request),
    ]);
  if (!person) notFound();
  return json(
    {
      person,
      ...describeLicences(licences, todayInParis()),
      certifications,
      juries,
      authorisations: authorisations.map((a) => ({
        ...a,
        givenOn: a.givenAt ? todayInParis(new Date(a.givenAt)) : null,
      })),
      history,
      search,
      flash,
    },
    { headers },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const licenseeId = requireOwnLicensee(viewer);
  const form = await readForm(request);
  const back = `/mon-espace${searchSuffix(searchParams(form))}`;
  const answer = async (kind: "success" | "error", message: string) =>
    redirect(back, { headers: { "Set-Cookie": await flashHeader(request, kind, [message]) } });

  const submission = parseAuthorise(form);
  if (submission.status !== "success") {
    if (submission.error?.intent) return json({ message: "Action inconnue." }, { status: 400 });
    return answer("error", firstError(submission.error, ["organiser"]) ?? MESSAGES.badOrganiser);
  }
  const { organiser: organiserId } = submission.value;
  const outcome = await giveAuthorisation(db, { userId: viewer.user.id, licenseeId, organiserId });
  return outcome.ok
    ? answer("success", `Autorisation donnée à « ${outcome.name} » (${outcome.code}).`)
    : answer("error", outcome.message);
}

const HISTORY_LABELS: Record<string, string> = {
  authorisation_given: "Autorisation donnée",
  authorisation_withdrawn: "Autorisation retirée",
};

export default function PersonalSpace() {
  const { person, state, licences, certifications, juries, authorisations, history, search, flash } =
    useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Mon espace</h1>
        <p className="mt-1 text-slate-700">
          {person.first_name} {person.last_name} · licence <span className="font-mono">{person.licence}</span> ·{" "}
          {person.structure_name} · <LicenceStateBadge state={state} />
        </p>
        <FlashMessage flash={flash} />
      </div>

      <Panel
        id="jurys-titre"
        title="Mes jurys"
        empty={juries.length === 0 && "Vous ne faites partie du jury d'aucune session."}
      >
        <ul className="mt-2 divide-y divide-slate-200">
          {juries.map((j) => (
            <li key={j.id} className="py-2">
              <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span className="font-medium">{j.title}</span>
                <StatusBadge status={j.status} />
              </p>
              <p className="text-sm text-slate-700">
                {JURY_ROLE_LABELS[j.role]} · {j.organiser_name} ({j.organiser_code}) ·{" "}
                {formatDateRange(j.start_date, j.end_date)} · {j.certification_code}
              </p>
            </li>
          ))}
        </ul>
      </Panel>

      <RecordPanels page="own" licences={licences} certifications={certifications} />

      <Panel
        id="autorisations-titre"
        title="Mes autorisations"
        intro="Les structures et commissions ci-dessous peuvent délivrer des brevets en votre nom : une session dont vous êtes président de jury ou délégué ne peut être clôturée que si vous avez autorisé son organisateur."
      >
        {authorisations.length === 0 ? (
          <p className="mt-3 text-slate-700">Vous n'avez autorisé aucune structure.</p>
        ) : (
          <DataTable
            className="mt-3"
            caption="Structures autorisées"
            columns={["Structure ou commission", "Code", "Autorisée le", { label: "Actions", hidden: true }]}
          >
            <tbody>
              {authorisations.map((a) => (
                <tr key={a.id} className="border-t border-slate-200">
                  <td className="px-3 py-2">{a.name}</td>
                  <td className="px-3 py-2 font-mono">{a.code}</td>
                  <td className="px-3 py-2">{a.givenOn ? formatDate(a.givenOn) : "date non connue"}</td>
                  <td className="px-3 py-2 text-right">
                    <Link
                      to={`/mon-espace/autorisations/${a.id}/retirer`}
                      className={buttonClass("remove", "sm")}
                      aria-label={`Retirer l'autorisation donnée à ${a.name} (${a.code})`}
                    >
                      Retirer l'autorisation
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        <OrganiserSearch search={search} />
      </Panel>

      {history.length > 0 ? (
        <Panel id="historique-titre" title="Historique de mes autorisations">
          <ul className="mt-2 space-y-1 text-sm">
            {history.map((h) => (
              <li key={h.id}>
                <span className="text-slate-600">{formatDateTime(h.at)}</span> — {HISTORY_LABELS[h.action] ?? h.action}
                {h.details ? ` : ${h.details.replace(/^Autorisation (donnée|retirée) à /, "")}` : ""}
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
    </div>
  );
}

type Search = ReturnType<typeof useLoaderData<typeof loader>>["search"];

/**
 * "Autoriser une structure": a GET form (the URL keeps the search: it works without JavaScript
 * and survives a reload), then one POST form per result. With JavaScript the search runs as you type.
 */
function OrganiserSearch({ search }: { search: Search }) {
  const pageLink = (page: number) => `?${new URLSearchParams({ q: search.query, page: String(page) })}#autoriser`;

  return (
    <SearchPanel
      id="autoriser"
      title="Autoriser une structure"
      className="mt-5 rounded border border-slate-300 bg-slate-50 p-4"
      form={{
        inputId: "recherche-structure",
        label: "Rechercher une structure",
        placeholder: "Nom ou code d'un club, d'une SCA ou d'une commission",
        query: search.query,
      }}
      isSearch={(location) => location.pathname === "/mon-espace"}
    >
      <SearchResults
        search={search}
        noMatch="Aucune structure ne correspond à"
        found={
          search.capped
            ? `Plus de ${search.offered} structures correspondent : les ${search.offered} premières sont proposées, précisez la recherche.`
            : plural(search.total, "structure trouvée", "structures trouvées")
        }
        caption="Structures trouvées"
        head={
          <>
            <th scope="col" className="px-2 py-1.5">
              Structure ou commission
            </th>
            <th scope="col" className="px-2 py-1.5">
              Code
            </th>
            <th scope="col" className="px-2 py-1.5">
              Type
            </th>
            <th scope="col" className="px-2 py-1.5">
              <span className="sr-only">Actions</span>
            </th>
          </>
        }
        pageLink={pageLink}
        frame={(results) => <div className="mt-3">{results}</div>}
      >
        {search.hits.map((hit) => (
          <tr key={hit.id} className="border-t border-slate-200">
            <td className="px-2 py-1.5">{hit.name}</td>
            <td className="px-2 py-1.5 font-mono">{hit.code}</td>
            <td className="px-2 py-1.5">{hit.kind}</td>
            <td className="px-2 py-1.5 text-right">
              {hit.authorised ? (
                <span className="text-slate-600">Déjà autorisée</span>
              ) : (
                <Form method="post">
                  <AuthenticityTokenInput />
                  <input type="hidden" name="intent" value="authorise" />
                  <input type="hidden" name="organiser" value={hit.id} />
                  <input type="hidden" name="q" value={search.query} />
                  <input type="hidden" name="page" value={search.page} />
                  <Button size="sm" aria-label={`Autoriser ${hit.name} (${hit.code})`}>
                    Autoriser
                  </Button>
                </Form>
              )}
            </td>
          </tr>
        ))}
      </SearchResults>
    </SearchPanel>
  );
}
