import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatDate, plural } from "~/utils/format";
import { SearchPanel } from "./SearchForm";
import { Button, FlashMessage, type FlashView, AuthenticityTokenInput } from "./FormParts";
import { SearchResults } from "./SearchResults";
import type { SearchOutcome } from "~/utils/licensee-search.server";

/** A page of the search's results (app/utils/licensee-search.server.ts). */
export type SearchView = SearchOutcome;

/** What a result shows before adding: « Déjà candidat », the rules it would fail, the facts (app/domain/eligibility). */
export interface HitView {
  already: string | null;
  findings: { message: string; fact: string | null }[];
  summary: string[];
}

const STATE = {
  valide: { label: "Valide", className: "bg-green-100 text-green-900 ring-green-500" },
  en_attente: { label: "En attente", className: "bg-amber-100 text-amber-900 ring-amber-500" },
  expiree: { label: "Expirée", className: "bg-red-100 text-red-900 ring-red-500" },
} as const;

export function LicenceStateBadge({ state }: { state: keyof typeof STATE }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${STATE[state].className}`}
    >
      {STATE[state].label}
    </span>
  );
}

/** The id of the search box: focus comes back to it after each add or remove. */
export const SEARCH_INPUT_ID = "recherche-licencie";

/**
 * "Rechercher un licencié": a GET form (the URL keeps the search, so it works without
 * JavaScript and survives a reload), the matches with a checkbox each and what the close checks
 * would say of them in this session, and a POST form that adds the ticked people. With
 * JavaScript the search runs as you type. Below, « Ajouter par numéros de licence ».
 */
export function LicenseeSearch({
  search,
  eligibility,
  mine,
  startDate,
  submitLabel,
  extraFields,
  pasteFields,
  flash,
}: {
  search: SearchView;
  eligibility: Record<number, HitView>;
  mine: boolean;
  /** The session's start date: the licence state and the age are given on it. */
  startDate: string;
  submitLabel: string;
  extraFields?: ReactNode;
  /** The fields the paste form needs besides the numbers (the jury role). */
  pasteFields?: ReactNode;
  flash: FlashView | null;
}) {
  const pageLink = (page: number) =>
    `?${new URLSearchParams({ q: search.query, page: String(page), ...(mine ? { structure: "1" } : {}) })}#recherche`;

  return (
    <SearchPanel
      id="recherche"
      title="Recherche parmi tous les licenciés de la fédération"
      className="mt-4 scroll-mt-4 rounded border border-slate-300 bg-slate-50 p-3 sm:p-4"
      form={{
        inputId: SEARCH_INPUT_ID,
        label: "Rechercher un licencié",
        placeholder: "Nom, prénom ou numéro de licence",
        query: search.query,
      }}
      isSearch={(location) => location.search.includes("q=")}
      fields={
        <label className="flex min-h-6 items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="structure"
            value="1"
            defaultChecked={mine}
            className="h-6 w-6"
            onChange={(event) => event.currentTarget.form?.requestSubmit()}
          />
          Ma structure seulement
        </label>
      }
    >
      {(cancelSearch) => (
        <>
          <FlashMessage flash={flash?.at === "recherche" ? flash : null} />

          <SearchResults
            search={search}
            noMatch="Aucun licencié ne correspond à"
            found={plural(search.total, "licencié trouvé", "licenciés trouvés")}
            caption="Licenciés trouvés"
            head={
              <>
                <th scope="col" className="w-8 px-2 py-1.5">
                  <span className="sr-only">Sélection</span>
                </th>
                <th scope="col" className="px-2 py-1.5">
                  Licencié
                </th>
                <th scope="col" className="px-2 py-1.5">
                  Au {formatDate(startDate)}
                </th>
              </>
            }
            after={
              <div className="mt-3 flex flex-wrap items-end gap-3">
                {extraFields}
                <Button>{submitLabel}</Button>
              </div>
            }
            pageLink={pageLink}
            frame={(results) => (
              <Form method="post" className="mt-3" preventScrollReset onSubmit={cancelSearch}>
                <AuthenticityTokenInput />
                <input type="hidden" name="intent" value="add" />
                <input type="hidden" name="q" value={search.query} />
                <input type="hidden" name="page" value={search.page} />
                {mine ? <input type="hidden" name="structure" value="1" /> : null}
                {results}
              </Form>
            )}
          >
            {search.hits.map((hit) => {
              const seen = eligibility[hit.id];
              return (
                <tr key={hit.id} className="border-t border-slate-200 align-top">
                  <td className="px-2 py-1.5">
                    <input
                      type="checkbox"
                      name="licensee"
                      value={hit.id}
                      id={`choix-${hit.id}`}
                      aria-label={`Sélectionner ${hit.lastName} ${hit.firstName} (${hit.licence})`}
                      className="h-6 w-6"
                    />
                  </td>
                  <td className="px-2 py-1.5">
                    <label htmlFor={`choix-${hit.id}`} className="font-medium">
                      {hit.lastName} {hit.firstName}
                    </label>
                    <span className="block text-xs text-slate-700">
                      <span className="font-mono">{hit.licence}</span> · né(e) le {formatDate(hit.birthDate)} ·{" "}
                      {hit.structureName}
                    </span>
                  </td>
                  <td className="px-2 py-1.5">
                    <span className="flex flex-wrap gap-1">
                      <LicenceStateBadge state={hit.licenceState} />
                      {seen?.already ? (
                        <span className="inline-block whitespace-nowrap rounded-full bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-900 ring-1 ring-slate-500">
                          {seen.already}
                        </span>
                      ) : null}
                    </span>
                    {seen ? <HitFacts view={seen} /> : null}
                  </td>
                </tr>
              );
            })}
          </SearchResults>
          <LicencePasteForm flash={flash} fields={pasteFields} />
        </>
      )}
    </SearchPanel>
  );
}

function HitFacts({ view }: { view: HitView }) {
  return (
    <>
      <span className="mt-1 block text-xs text-slate-700">{view.summary.join(" · ")}</span>
      {view.findings.length > 0 ? (
        <ul className="mt-1 list-disc pl-5 text-xs text-red-800">
          {view.findings.map((f) => (
            <li key={f.message}>
              {f.message}
              {f.fact ? <span className="text-slate-800"> — {f.fact}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** « Ajouter par numéros de licence »: many numbers pasted at once; the valid ones are added, the others listed with why. */
function LicencePasteForm({ flash, fields }: { flash: FlashView | null; fields?: ReactNode }) {
  return (
    <details id="ajout-licences" className="mt-4 scroll-mt-4" open={flash?.at === "ajout-licences" || undefined}>
      <summary className="min-h-6 cursor-pointer font-medium text-brand-700">Ajouter par numéros de licence</summary>
      <Form method="post" className="mt-2" preventScrollReset>
        <AuthenticityTokenInput />
        <input type="hidden" name="intent" value="add-licences" />
        <label htmlFor="numeros-licence" className="block text-sm">
          Numéros de licence (un par ligne, ou séparés par des espaces ou des virgules)
        </label>
        <textarea
          id="numeros-licence"
          name="licences"
          rows={4}
          maxLength={5000}
          className="mt-1 w-full rounded border border-slate-400 px-2 py-1.5 font-mono"
        />
        <div className="mt-2 flex flex-wrap items-end gap-3">
          {fields}
          <Button variant="secondary" size="md">
            Ajouter ces licences
          </Button>
        </div>
      </Form>
      <FlashMessage flash={flash?.at === "ajout-licences" ? flash : null} />
    </details>
  );
}
