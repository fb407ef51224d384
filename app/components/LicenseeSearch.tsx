import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { formatDate, plural } from "~/utils/format";
import { SearchForm } from "./SearchForm";
import { Button } from "./Button";
import { DataTable } from "./DataTable";
import { Pagination } from "./Pagination";
import { AuthenticityTokenInput } from "./AuthenticityTokenInput";

export interface SearchView {
  query: string;
  total: number;
  page: number;
  pageCount: number;
  problem: string | null;
  hits: {
    id: number;
    licence: string;
    lastName: string;
    firstName: string;
    birthDate: string;
    structureName: string;
    licenceState: "valide" | "en_attente" | "expiree";
  }[];
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

/**
 * "Rechercher un licencié": a GET form (the URL keeps the search, so it works without
 * JavaScript and survives a reload), the matches with a checkbox each, and a POST form that adds
 * the ticked people. With JavaScript the search runs as you type.
 */
export function LicenseeSearch({
  search,
  submitLabel,
  extraFields,
}: {
  search: SearchView;
  submitLabel: string;
  extraFields?: ReactNode;
}) {
  const navigation = useNavigation();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const searching = navigation.state === "loading" && navigation.location?.search.includes("q=");
  const pageLink = (page: number) => `?${new URLSearchParams({ q: search.query, page: String(page) })}#recherche`;

  return (
    <section
      id="recherche"
      aria-labelledby="recherche-titre"
      className="mt-4 rounded border border-slate-300 bg-slate-50 p-4"
    >
      <h3 id="recherche-titre" className="font-semibold">
        Recherche parmi tous les licenciés de la fédération
      </h3>
      <SearchForm
        inputId="recherche-licencie"
        label="Rechercher un licencié"
        placeholder="Nom, prénom ou numéro de licence"
        query={search.query}
        searching={searching}
        timer={timer}
      />

      {search.problem ? <p className="mt-3 text-amber-900">{search.problem}</p> : null}
      {search.query && !search.problem ? (
        search.total === 0 ? (
          <p className="mt-3" role="status">
            Aucun licencié ne correspond à « {search.query} ».
          </p>
        ) : (
          <Form method="post" className="mt-3" preventScrollReset onSubmit={() => clearTimeout(timer.current)}>
            <AuthenticityTokenInput />
            <input type="hidden" name="intent" value="add" />
            <input type="hidden" name="q" value={search.query} />
            <input type="hidden" name="page" value={search.page} />
            <p role="status">
              {plural(search.total, "licencié trouvé", "licenciés trouvés")}
              {search.pageCount > 1 ? ` — page ${search.page} sur ${search.pageCount}` : ""}
            </p>
            <DataTable className="mt-2 rounded bg-white">
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className="px-2 py-1.5">
                    <span className="sr-only">Sélection</span>
                  </th>
                  <th scope="col" className="px-2 py-1.5">
                    Licence
                  </th>
                  <th scope="col" className="px-2 py-1.5">
                    Nom prénom
                  </th>
                  <th scope="col" className="px-2 py-1.5">
                    Date de naissance
                  </th>
                  <th scope="col" className="px-2 py-1.5">
                    Structure
                  </th>
                  <th scope="col" className="px-2 py-1.5">
                    Validité de la licence
                  </th>
                </tr>
              </thead>
              <tbody>
                {search.hits.map((hit) => (
                  <tr key={hit.id} className="border-t border-slate-200">
                    <td className="px-2 py-1.5">
                      <input
                        type="checkbox"
                        name="licensee"
                        value={hit.id}
                        id={`choix-${hit.id}`}
                        aria-label={`Sélectionner ${hit.lastName} ${hit.firstName} (${hit.licence})`}
                        className="h-4 w-4"
                      />
                    </td>
                    <td className="px-2 py-1.5 font-mono">{hit.licence}</td>
                    <td className="px-2 py-1.5">
                      <label htmlFor={`choix-${hit.id}`}>
                        {hit.lastName} {hit.firstName}
                      </label>
                    </td>
                    <td className="px-2 py-1.5">{formatDate(hit.birthDate)}</td>
                    <td className="px-2 py-1.5">{hit.structureName}</td>
                    <td className="px-2 py-1.5">
                      <LicenceStateBadge state={hit.licenceState} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            <div className="mt-3 flex flex-wrap items-end gap-3">
              {extraFields}
              <Button>{submitLabel}</Button>
            </div>
            <Pagination
              label="Pages de résultats"
              page={search.page}
              pageCount={search.pageCount}
              href={pageLink}
              wording="results"
              preventScrollReset
              className="mt-3 flex gap-4 text-sm"
            />
          </Form>
        )
      ) : null}
    </section>
  );
}
