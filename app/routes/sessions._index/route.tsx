import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { FlashMessage, buttonClass } from "~/components/FormParts";
import { StatusBadge } from "~/sessions/layout";
import { DataTable, type Column } from "~/components/DataTable";
import {
  EmptyList,
  ExportLink,
  FilterForm,
  ListNotices,
  PeriodFilters,
  SelectFilter,
  TextFilter,
} from "~/components/ListFilters";
import { Pagination } from "~/components/Pagination";
import {
  readFlash,
  requireSessionsAccess,
  requireViewer,
  listStateFor,
  db,
  readListPage,
  json,
  redirect,
} from "./route.server";
import { useFollowLinksInPage } from "~/utils/follow-links";
import { formatCount, formatDateRange, formatDateTime, plural } from "~/utils/format";
import {
  COUNT_CAP,
  DEFAULT_SORT,
  PAGE_SIZE,
  SORTS,
  STATUS_FILTERS,
  toSearch,
  type SortKey,
} from "~/sessions/list-filters";

export const meta: MetaFunction = () => [{ title: "Sessions – liste" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  // An instructor without a scope: their sessions are the juries listed in their personal space.
  if (!viewer.user.isAdmin && viewer.scopes.length === 0 && viewer.user.licenseeId !== null) {
    throw redirect("/mon-espace");
  }
  requireSessionsAccess(viewer);
  const { filters, notices, isAdminView, organiserId, brevets } = await listStateFor(db, viewer, new URL(request.url));
  const list = await readListPage(db, organiserId, filters);
  if (list.pastEnd) notices.push(`La page ${filters.page} n'existe pas : voici la dernière.`);
  filters.page = list.page;
  const { flash, headers } = await readFlash(request);
  return json(
    {
      flash,
      filters,
      notices,
      rows: list.rows,
      total: list.total,
      more: list.more,
      pageCount: list.pageCount,
      empty: list.empty,
      isAdminView,
      brevets: brevets.map((b) => ({ code: b.code, name: b.name })),
      canCreate: viewer.user.isAdmin || viewer.current?.role === "gestionnaire",
    },
    { headers },
  );
}

const COUNT_LABEL = formatCount(COUNT_CAP);

/** On a phone the table scrolls sideways in its box, the title column staying in sight. */
const STICKY_TITLE =
  "[&_tr>:first-child]:sticky [&_tr>:first-child]:left-0 [&_tr>:first-child]:z-10 [&_td:first-child]:bg-white " +
  "[&_tr>:first-child]:max-w-44 sm:[&_tr>:first-child]:max-w-none [&_th:first-child]:bg-slate-100";

/** ▲ or ▼ on the column the list is sorted by, ↕ on the others that can sort it (aria-sort says it in words). */
function SortArrow({ state }: { state: "ascending" | "descending" | undefined }) {
  return (
    <span aria-hidden="true" className={state ? "text-slate-900" : "text-slate-500"}>
      {state === "ascending" ? "▲" : state === "descending" ? "▼" : "↕"}
    </span>
  );
}

export default function SessionsList() {
  const { flash, filters, notices, rows, total, more, pageCount, empty, isAdminView, brevets, canCreate } =
    useLoaderData<typeof loader>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const followLink = useFollowLinksInPage();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  // Keep the fields in step with the URL (Réinitialiser, back and forward), except the one being typed in.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const values: Record<string, string> = {
      intitule: filters.intitule,
      lieu: filters.lieu,
      du: filters.du ?? "",
      au: filters.au ?? "",
      brevet: filters.brevet ?? "",
      statut: filters.statut ?? "",
      organisateur: filters.organisateur ?? "",
      tri: filters.tri,
    };
    for (const [name, value] of Object.entries(values)) {
      const field = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
      if (field && field !== document.activeElement && field.value !== value) field.value = value;
    }
  }, [filters]);

  /** With JavaScript, the list follows the filters as they change (debounced), the URL in step. */
  function onFilterChange(event: React.FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const target = event.target as HTMLInputElement;
    const delay = target.type === "text" || target.type === "search" ? 350 : 0;
    // The fields are read now, not when the timer fires: an update landing in between puts the
    // fields back to its own URL, and would otherwise undo the change just made.
    const data = new FormData(form);
    // Like the links (`toSearch`), the URL leaves out empty fields and the default sort.
    for (const [key, value] of [...data.entries()]) {
      if (value === "" || (key === "tri" && value === DEFAULT_SORT)) data.delete(key);
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => submit(data, { method: "get", replace: true, preventScrollReset: true }), delay);
  }

  /** "Réinitialiser" wins over an update still waiting for the typing to pause. */
  const cancelPendingUpdate = () => clearTimeout(timer.current);

  const pageLabel = !more
    ? `Page ${formatCount(filters.page)} sur ${formatCount(pageCount!)}`
    : filters.page < COUNT_CAP / PAGE_SIZE
      ? `Page ${filters.page} sur plus de ${COUNT_CAP / PAGE_SIZE}`
      : `Page ${formatCount(filters.page)}`;
  const exportHref = `/sessions/export.xlsx${toSearch(filters, { page: 1 })}`;
  /** A column the list can be sorted by: its header links to the list sorted by it (`first`, then the other way). */
  const sortable = (label: string, asc: SortKey, desc: SortKey, first: SortKey = asc): Column => {
    const state = filters.tri === asc ? "ascending" : filters.tri === desc ? "descending" : undefined;
    const other = first === asc ? desc : asc;
    return {
      sort: state,
      label: (
        <Link
          to={toSearch(filters, { tri: filters.tri === first ? other : first, page: 1 }) || "?"}
          className="inline-flex min-h-6 items-center gap-1 underline"
        >
          {label}
          <SortArrow state={state} />
        </Link>
      ),
    };
  };

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Sessions</h1>
        <div className="flex flex-wrap gap-2">
          {canCreate ? (
            <>
              <Link to="/sessions/nouvelle" className={buttonClass("primary", "md")}>
                Créer une session
              </Link>
              <Link to="/sessions/importer" className={buttonClass("secondary", "md")}>
                Importer une session
              </Link>
            </>
          ) : null}
          {total > 0 ? <ExportLink href={exportHref} /> : null}
        </div>
      </div>

      <FlashMessage flash={flash} />
      <FilterForm
        ref={formRef}
        idPrefix="f"
        role="search"
        label="Filtrer les sessions"
        onChange={onFilterChange}
        resetTo="/sessions"
        onReset={cancelPendingUpdate}
        actionsClassName="items-end"
        status={
          navigation.state === "loading" && navigation.location?.pathname === "/sessions" ? (
            <span role="status" className="text-sm text-slate-600">
              Mise à jour…
            </span>
          ) : null
        }
      >
        {filters.portee ? <input type="hidden" name="portee" value={filters.portee} /> : null}
        <TextFilter name="intitule" label="Intitulé" value={filters.intitule} maxLength={100} />
        <TextFilter name="lieu" label="Lieu" value={filters.lieu} maxLength={100} />
        <PeriodFilters du={filters.du} au={filters.au} />
        <SelectFilter
          name="brevet"
          label="Brevet"
          value={filters.brevet ?? ""}
          all="Tous les brevets"
          options={brevets.map((b) => ({ value: b.code, label: `${b.name} (${b.code})` }))}
        />
        <SelectFilter
          name="statut"
          label="Statut"
          value={filters.statut ?? ""}
          all="Tous"
          options={Object.entries(STATUS_FILTERS).map(([value, label]) => ({ value, label }))}
        />
        {isAdminView ? (
          <TextFilter
            name="organisateur"
            label="Organisateur"
            value={filters.organisateur ?? ""}
            placeholder="0750001 ou REGION-IDF/TECHNIQUE"
            help="Code du club ou de la commission"
          />
        ) : null}
        <SelectFilter
          name="tri"
          label="Trier par"
          value={filters.tri}
          options={Object.entries(SORTS).map(([value, label]) => ({ value, label }))}
        />
      </FilterForm>

      <ListNotices notices={notices} />

      {empty === "scope" ? (
        <EmptyList>
          <p className="font-medium">Aucune session pour le moment.</p>
          {canCreate ? (
            <p className="mt-2">
              <Link to="/sessions/nouvelle" className="text-brand-700 underline">
                Créer une session
              </Link>{" "}
              ou{" "}
              <Link to="/sessions/importer" className="text-brand-700 underline">
                importer une session depuis Excel
              </Link>
              .
            </p>
          ) : null}
        </EmptyList>
      ) : empty === "filters" ? (
        <EmptyList>
          <p className="font-medium">Aucune session ne correspond à ces filtres.</p>
          <p className="mt-2">
            <Link to="/sessions" onClick={cancelPendingUpdate} className="text-brand-700 underline">
              Réinitialiser les filtres
            </Link>
          </p>
        </EmptyList>
      ) : (
        <>
          <p className="mt-4 text-slate-700" aria-live="polite">
            <span data-testid="total">
              {more ? `Plus de ${COUNT_LABEL} sessions` : plural(total, "session", "sessions", formatCount)}
            </span>{" "}
            — {pageLabel}
          </p>
          {more ? (
            <p className="mt-1 text-sm text-slate-600">
              Dans toute la fédération, une recherche par intitulé ou par lieu n'est pas comptée au-delà de{" "}
              {COUNT_LABEL} sessions : choisissez un organisateur pour connaître le total exact.
            </p>
          ) : null}
          <div className="mt-2 overflow-x-auto rounded bg-white shadow">
            {/* Cell padding and row borders set once here: 50 rows × 8 cells would repeat them. */}
            <DataTable
              tableClassName={`[&_td]:px-3 [&_td]:py-2 [&_tbody_tr]:border-t [&_tbody_tr]:border-slate-200 ${STICKY_TITLE}`}
              caption="Sessions"
              columns={[
                sortable("Intitulé", "intitule_asc", "intitule_desc"),
                sortable("Brevet", "brevet_asc", "brevet_desc"),
                "Organisateur",
                "Lieu",
                sortable("Date(s)", "date_asc", "date_desc", "date_desc"),
                { label: "Candidats", className: "text-right" },
                "Statut",
                "Dernière modification",
              ]}
            >
              {/* A click anywhere on a row follows its title's link; keyboards and screen readers use that link. */}
              {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions */}
              <tbody onClick={followLink}>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <a href={`/sessions/${row.id}`} className="font-medium text-brand-700 underline">
                        {row.title}
                      </a>
                    </td>
                    <td>
                      <abbr title={row.certification_name} className="no-underline">
                        {row.certification_code}
                      </abbr>
                    </td>
                    <td>{row.organiser_name}</td>
                    <td>{row.place}</td>
                    <td className="whitespace-nowrap">{formatDateRange(row.start_date, row.end_date)}</td>
                    <td className="text-right">{row.candidate_count}</td>
                    <td>
                      <StatusBadge status={row.status} />
                    </td>
                    <td className="whitespace-nowrap">{formatDateTime(row.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </div>
          <Pagination
            label="Pagination"
            page={filters.page}
            pageCount={more ? null : pageCount!}
            hasNext={rows.length === PAGE_SIZE}
            pageLabel={pageLabel}
            href={(page) => toSearch(filters, { page }) || "?"}
            edges
          />
        </>
      )}
    </div>
  );
}
