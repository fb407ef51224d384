import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, buttonClass } from "~/components/Button";
import { Pagination } from "~/components/Pagination";
import { JOURNAL_KINDS, kindLabel } from "~/journal/kinds";
import { journalSearch, parseJournalParams } from "~/journal/journal-filters";
import { requireJournalReader } from "~/journal/journal-access.server";
import { readJournalPage } from "~/journal/journal-list.server";
import { db } from "~/utils/db.server";
import { formatCount, formatDateTime, plural } from "~/utils/format";
import { requireViewer } from "~/utils/scope.server";

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
    kinds: Object.entries(JOURNAL_KINDS).map(([code, label]) => ({ code, label })),
    rows: list.rows.map((r) => ({ ...r, kindLabel: kindLabel(r.kind) })),
  });
}

const input = "mt-1 w-full rounded border border-slate-400 px-2 py-1.5";

export default function Journal() {
  const { filters, notices, total, pageCount, kinds, rows } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.evenement || filters.email || filters.du || filters.au);
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Journal de sécurité</h1>
        {total > 0 ? (
          <a
            href={`/administration/journal/export.xlsx${journalSearch(filters, 1)}`}
            className={buttonClass("plain", "md")}
            download
          >
            Exporter
          </a>
        ) : null}
      </div>
      <Form
        method="get"
        aria-label="Filtrer le journal"
        className="mt-4 grid gap-3 rounded bg-white p-4 shadow sm:grid-cols-2 lg:grid-cols-4"
      >
        <div>
          <label htmlFor="j-evenement" className="text-sm font-medium">
            Événement
          </label>
          <select id="j-evenement" name="evenement" defaultValue={filters.evenement ?? ""} className={input}>
            <option value="">Tous</option>
            {kinds.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="j-email" className="text-sm font-medium">
            E-mail
          </label>
          <input
            id="j-email"
            name="email"
            type="text"
            inputMode="email"
            placeholder="L'adresse ou son début"
            defaultValue={filters.email}
            maxLength={254}
            className={input}
          />
        </div>
        <div>
          <label htmlFor="j-du" className="text-sm font-medium">
            Du
          </label>
          <input id="j-du" name="du" type="date" defaultValue={filters.du ?? ""} className={input} />
        </div>
        <div>
          <label htmlFor="j-au" className="text-sm font-medium">
            Au
          </label>
          <input id="j-au" name="au" type="date" defaultValue={filters.au ?? ""} className={input} />
        </div>
        <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-4">
          <Button>Filtrer</Button>
          <Link to="/administration/journal" className="px-2 py-2 text-brand-700 underline">
            Réinitialiser
          </Link>
        </div>
      </Form>

      {notices.map((notice) => (
        <p key={notice} role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2">
          {notice}
        </p>
      ))}

      {rows.length === 0 ? (
        <div className="mt-6 rounded bg-white p-6 shadow">
          <p className="font-medium">
            {filtered ? "Aucun événement ne correspond à ces filtres." : "Le journal est vide pour le moment."}
          </p>
        </div>
      ) : (
        <>
          <p className="mt-3 text-sm text-slate-600" data-testid="journal-total">
            {plural(total, "événement", "événements", formatCount)}
          </p>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm shadow">
              <caption className="sr-only">Événements du journal de sécurité, les plus récents d&apos;abord</caption>
              <thead>
                <tr className="border-b bg-slate-100">
                  <th scope="col" className="px-3 py-2">
                    Date
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Événement
                  </th>
                  <th scope="col" className="px-3 py-2">
                    E-mail
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Utilisateur
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Adresse IP
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Navigateur
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Détails
                  </th>
                </tr>
              </thead>
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
            </table>
          </div>
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
