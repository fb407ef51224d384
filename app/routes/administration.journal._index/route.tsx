import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  EmptyList,
  ExportLink,
  FilterForm,
  ListNotices,
  PeriodFilters,
  SelectFilter,
  TextFilter,
} from "~/components/ListFilters";
import { DataTable } from "~/components/DataTable";
import { Pagination } from "~/components/Pagination";
import { JOURNAL_KINDS, kindLabel } from "~/journal/kinds";
import { journalSearch, parseJournalParams } from "~/journal/journal-filters";
import { requireJournalReader, readJournalPage, db, requireViewer, json } from "./route.server";
import { formatCount, formatDateTime, plural } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Journal de sécurité – Sessions" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireJournalReader(await requireViewer(request));
  const { filters, notices } = parseJournalParams(new URL(request.url).searchParams);
  const list = await readJournalPage(db, filters);
  if (list.pastEnd) notices.push(`La page ${filters.page} n'existe pas : voici la dernière.`);
  filters.page = list.page;
  return json({
    filters,
    notices,
    total: list.total,
    pageCount: list.pageCount,
    kinds: Object.entries(JOURNAL_KINDS).map(([value, label]) => ({ value, label })),
    rows: list.rows.map((r) => ({ ...r, kindLabel: kindLabel(r.kind) })),
  });
}

export default function Journal() {
  const { filters, notices, total, pageCount, kinds, rows } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.evenement || filters.email || filters.du || filters.au);
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Journal de sécurité</h1>
        {total > 0 ? <ExportLink href={`/administration/journal/export.xlsx${journalSearch(filters, 1)}`} /> : null}
      </div>
      <FilterForm
        label="Filtrer le journal"
        idPrefix="j"
        resetTo="/administration/journal"
        actionsClassName="items-center"
      >
        <SelectFilter name="evenement" label="Événement" value={filters.evenement ?? ""} all="Tous" options={kinds} />
        <TextFilter
          name="email"
          label="E-mail"
          value={filters.email}
          maxLength={254}
          placeholder="L'adresse ou son début"
          inputMode="email"
        />
        <PeriodFilters du={filters.du} au={filters.au} />
      </FilterForm>

      <ListNotices notices={notices} />

      {rows.length === 0 ? (
        <EmptyList>
          <p className="font-medium">
            {filtered ? "Aucun événement ne correspond à ces filtres." : "Le journal est vide pour le moment."}
          </p>
        </EmptyList>
      ) : (
        <>
          <p className="mt-3 text-sm text-slate-600" data-testid="journal-total">
            {plural(total, "événement", "événements", formatCount)}
          </p>
          <DataTable
            className="mt-2"
            tableClassName="border-collapse bg-white shadow"
            caption="Événements du journal de sécurité, les plus récents d'abord"
            columns={["Date", "Événement", "E-mail", "Utilisateur", "Adresse IP", "Navigateur", "Détails"]}
          >
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b align-top">
                  <td className="whitespace-nowrap px-3 py-2">{formatDateTime(r.at)}</td>
                  <td className="px-3 py-2">{r.kindLabel}</td>
                  <td className="break-all px-3 py-2">{r.email}</td>
                  <td className="px-3 py-2">
                    {r.user_id === null ? null : r.user_email ? (
                      <Link to={`/administration/utilisateurs/${r.user_id}`} className="text-brand-700 underline">
                        {r.user_name}
                      </Link>
                    ) : (
                      `compte ${r.user_id}`
                    )}
                  </td>
                  <td className="px-3 py-2">{r.ip}</td>
                  <td className="max-w-[16rem] truncate px-3 py-2" title={r.user_agent ?? undefined}>
                    {r.user_agent}
                  </td>
                  <td className="px-3 py-2">{r.details}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <Pagination
            label="Pages du journal"
            page={filters.page}
            pageCount={pageCount}
            edges
            href={(p) => journalSearch(filters, p) || "?"}
          />
        </>
      )}
    </div>
  );
}
