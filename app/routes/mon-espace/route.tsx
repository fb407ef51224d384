import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { FlashMessage } from "~/components/FlashMessage";
import { LicenceStateBadge } from "~/components/LicenseeSearch";
import { SearchForm } from "~/components/SearchForm";
import { todayInParis } from "~/domain/dates";
import { licencePeriod, licenceState } from "~/domain/licence";
import { db } from "~/utils/db.server";
import { flashHeader, readFlash } from "~/utils/flash.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { notFound, requireViewer } from "~/utils/scope.server";
import { MESSAGES, authorisationHistory, giveAuthorisation, listAuthorisations, parseId } from "./authorisations.server";
import { searchOrganisers } from "./organiser-search.server";
import { requireOwnLicensee } from "./own-licensee.server";
import { loadOwnRecord } from "./personal-space.server";
import { readForm } from "~/utils/read-form.server";
import { AuthenticityTokenInput } from "~/components/AuthenticityTokenInput";

export const meta: MetaFunction = () => [{ title: "Mon espace – Sessions" }];

function searchParams(source: URLSearchParams | FormData) {
  const q = String(source.get("q") ?? "").slice(0, 200);
  const rawPage = String(source.get("page") ?? "1");
  return { q, page: /^\d{1,4}$/.test(rawPage) ? Number(rawPage) : 1 };
}

/** The search part of the URL, kept across a POST so that the results stay on screen. */
function searchSuffix({ q, page }: { q: string; page: number }) {
  return q.trim() ? `?${new URLSearchParams({ q, page: String(page) })}` : "";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const licenseeId = requireOwnLicensee(viewer);
  const { q, page } = searchParams(new URL(request.url).searchParams);
  const [record, authorisations, history, search, { flash, headers }] = await Promise.all([
    loadOwnRecord(db, licenseeId),
    listAuthorisations(db, licenseeId),
    authorisationHistory(db, licenseeId),
    searchOrganisers(db, q, page, licenseeId),
    readFlash(request),
  ]);
  if (!record) notFound();
  const today = todayInParis();
  return json(
    {
      person: record.person,
      state: licenceState(record.licences, today),
      licences: record.licences.map((l) => ({ ...l, ...licencePeriod(l.season), state: licenceState([l], today) })),
      certifications: record.certifications,
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

  if (form.get("intent") !== "authorise") return json({ message: "Action inconnue." }, { status: 400 });
  const organiserId = parseId(form.get("organiser"));
  if (organiserId === null) return answer("error", MESSAGES.badOrganiser);
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
  const { person, state, licences, certifications, authorisations, history, search, flash } = useLoaderData<typeof loader>();
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

      <section aria-labelledby="licences-titre" className="rounded bg-white p-5 shadow">
        <h2 id="licences-titre" className="text-lg font-semibold">Mes licences</h2>
        {licences.length === 0 ? (
          <p className="mt-2 text-slate-600">Aucune licence enregistrée.</p>
        ) : (
          <table className="mt-2 min-w-full text-left text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">Saison</th>
                <th scope="col" className="px-3 py-2">Période de validité</th>
                <th scope="col" className="px-3 py-2">Statut</th>
                <th scope="col" className="px-3 py-2">Aujourd'hui</th>
              </tr>
            </thead>
            <tbody>
              {licences.map((l) => (
                <tr key={l.season} className="border-t border-slate-200">
                  <td className="px-3 py-2">{l.season}</td>
                  <td className="px-3 py-2">du {formatDate(l.from)} au {formatDate(l.to)}</td>
                  <td className="px-3 py-2">{l.status === "validee" ? "Validée" : "En attente de validation"}</td>
                  <td className="px-3 py-2"><LicenceStateBadge state={l.state} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="brevets-titre" className="rounded bg-white p-5 shadow">
        <h2 id="brevets-titre" className="text-lg font-semibold">Mes brevets</h2>
        {certifications.length === 0 ? (
          <p className="mt-2 text-slate-600">Aucun brevet enregistré.</p>
        ) : (
          <table className="mt-2 min-w-full text-left text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">Brevet</th>
                <th scope="col" className="px-3 py-2">Obtenu le</th>
                <th scope="col" className="px-3 py-2">N° de certificat</th>
              </tr>
            </thead>
            <tbody>
              {certifications.map((c) => (
                <tr key={c.id} className="border-t border-slate-200">
                  <td className="px-3 py-2">{c.name} ({c.certification_code})</td>
                  <td className="px-3 py-2">{formatDate(c.obtained_on)}</td>
                  <td className="px-3 py-2 font-mono">{c.certificate_number ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="autorisations-titre" className="rounded bg-white p-5 shadow">
        <h2 id="autorisations-titre" className="text-lg font-semibold">Mes autorisations</h2>
        <p className="text-sm text-slate-600">
          Les structures et commissions ci-dessous peuvent délivrer des brevets en votre nom : une session dont vous êtes
          président de jury ou délégué ne peut être clôturée que si vous avez autorisé son organisateur.
        </p>
        {authorisations.length === 0 ? (
          <p className="mt-3 text-slate-700">Vous n'avez autorisé aucune structure.</p>
        ) : (
          <table className="mt-3 min-w-full text-left text-sm">
            <caption className="sr-only">Structures autorisées</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">Structure ou commission</th>
                <th scope="col" className="px-3 py-2">Code</th>
                <th scope="col" className="px-3 py-2">Autorisée le</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {authorisations.map((a) => (
                <tr key={a.id} className="border-t border-slate-200">
                  <td className="px-3 py-2">{a.name}</td>
                  <td className="px-3 py-2 font-mono">{a.code}</td>
                  <td className="px-3 py-2">{a.givenOn ? formatDate(a.givenOn) : "date non connue"}</td>
                  <td className="px-3 py-2 text-right">
                    <Link
                      to={`/mon-espace/autorisations/${a.id}/retirer`}
                      className="rounded border border-red-700 px-2 py-1 text-red-800 hover:bg-red-50"
                      aria-label={`Retirer l'autorisation donnée à ${a.name} (${a.code})`}
                    >
                      Retirer l'autorisation
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <OrganiserSearch search={search} />
      </section>

      {history.length > 0 ? (
        <section aria-labelledby="historique-titre" className="rounded bg-white p-5 shadow">
          <h2 id="historique-titre" className="text-lg font-semibold">Historique de mes autorisations</h2>
          <ul className="mt-2 space-y-1 text-sm">
            {history.map((h) => (
              <li key={h.id}>
                <span className="text-slate-600">{formatDateTime(h.at)}</span> — {HISTORY_LABELS[h.action] ?? h.action}
                {h.details ? ` : ${h.details.replace(/^Autorisation (donnée|retirée) à /, "")}` : ""}
              </li>
            ))}
          </ul>
        </section>
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
  const navigation = useNavigation();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/mon-espace";
  const pageLink = (page: number) => `?${new URLSearchParams({ q: search.query, page: String(page) })}#autoriser`;

  return (
    <section id="autoriser" aria-labelledby="autoriser-titre" className="mt-5 rounded border border-slate-300 bg-slate-50 p-4">
      <h3 id="autoriser-titre" className="font-semibold">Autoriser une structure</h3>
      <SearchForm
        inputId="recherche-structure"
        label="Rechercher une structure"
        placeholder="Nom ou code d'un club, d'une SCA ou d'une commission"
        query={search.query}
        searching={searching}
        timer={timer}
      />

      {search.problem ? <p className="mt-3 text-amber-900">{search.problem}</p> : null}
      {search.query && !search.problem ? (
        search.total === 0 ? (
          <p className="mt-3" role="status">Aucune structure ne correspond à « {search.query} ».</p>
        ) : (
          <div className="mt-3">
            <p role="status">
              {search.capped
                ? `Plus de ${search.offered} structures correspondent : les ${search.offered} premières sont proposées, précisez la recherche.`
                : `${search.total} structure${search.total > 1 ? "s" : ""} trouvée${search.total > 1 ? "s" : ""}`}
              {search.pageCount > 1 ? ` — page ${search.page} sur ${search.pageCount}` : ""}
            </p>
            <div className="mt-2 overflow-x-auto rounded bg-white">
              <table className="min-w-full text-left text-sm">
                <caption className="sr-only">Structures trouvées</caption>
                <thead className="bg-slate-100">
                  <tr>
                    <th scope="col" className="px-2 py-1.5">Structure ou commission</th>
                    <th scope="col" className="px-2 py-1.5">Code</th>
                    <th scope="col" className="px-2 py-1.5">Type</th>
                    <th scope="col" className="px-2 py-1.5"><span className="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
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
                            <button
                              type="submit"
                              className="rounded bg-brand-700 px-3 py-1 font-semibold text-white hover:bg-brand-900"
                              aria-label={`Autoriser ${hit.name} (${hit.code})`}
                            >
                              Autoriser
                            </button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {search.pageCount > 1 ? (
              <nav aria-label="Pages de résultats" className="mt-3 flex gap-4 text-sm">
                {search.page > 1 ? (
                  <Link to={pageLink(search.page - 1)} preventScrollReset className="text-brand-700 underline">
                    Résultats précédents
                  </Link>
                ) : null}
                <span>Page {search.page} sur {search.pageCount}</span>
                {search.page < search.pageCount ? (
                  <Link to={pageLink(search.page + 1)} preventScrollReset className="text-brand-700 underline">
                    Résultats suivants
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </div>
        )
      ) : null}
    </section>
  );
}
