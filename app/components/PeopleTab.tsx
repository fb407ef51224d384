import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { buttonClass, FlashMessage, type FlashView } from "./FormParts";
import { DataTable, type Column } from "./DataTable";
import { LicenseeSearch, type HitView, type SearchView } from "./LicenseeSearch";
import { NAME_COLUMN, PersonNameCell, RemovePersonCell, type ListedPerson } from "./PeopleTable";

/** What both tabs load for the licensee search (app/utils/people-form.server.ts). */
export interface SearchedView {
  open: boolean;
  search: SearchView | null;
  eligibility: Record<number, HitView>;
  mine: boolean;
  startDate: string;
}

/**
 * A session's people tab (participants, jury): its title with the count and the button that opens
 * the search, the licensee search while open, then the people in a table — the name first, then
 * the tab's own `columns` and `cells`, and a « Retirer » button a row for whom may edit.
 */
export function PeopleTab<P extends ListedPerson>({
  titleId,
  title,
  addLabel,
  intro,
  canEdit,
  searched,
  searchProps,
  flash,
  listFlash,
  people,
  emptyText,
  caption,
  columns,
  cells,
  idField,
}: {
  titleId: string;
  title: string;
  /** The button that opens the search. */
  addLabel: string;
  intro?: ReactNode;
  canEdit: boolean;
  searched: SearchedView;
  searchProps: { submitLabel: string; extraFields?: ReactNode; pasteFields?: ReactNode };
  flash: FlashView | null;
  /** The message shown above the list (after a remove). */
  listFlash: FlashView | null;
  people: P[];
  emptyText: string;
  caption: string;
  columns: Column[];
  cells: (person: P) => ReactNode;
  /** The name under which « Retirer » posts the person's id. */
  idField: string;
}) {
  const { open, search, eligibility, mine, startDate } = searched;
  return (
    <section aria-labelledby={titleId} className="rounded bg-white p-3 shadow sm:p-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={titleId} className="text-lg font-semibold">
          {title} ({people.length})
        </h2>
        {canEdit && !open ? (
          <Link to="?ajouter=1#recherche" className={buttonClass("primary", "md")}>
            {addLabel}
          </Link>
        ) : null}
      </div>
      {intro}
      <FlashMessage flash={flash && !flash.at ? flash : null} />
      {canEdit && open && search ? (
        <LicenseeSearch
          search={search}
          eligibility={eligibility}
          mine={mine}
          startDate={startDate}
          flash={flash}
          {...searchProps}
        />
      ) : null}
      <div id="liste" className="scroll-mt-4">
        <FlashMessage flash={listFlash} id="message-liste" />
        {people.length === 0 ? (
          <p className="mt-4 text-slate-600">{emptyText}</p>
        ) : (
          <DataTable
            className="mt-4"
            caption={caption}
            columns={[
              { label: "Nom prénom", className: `${NAME_COLUMN} bg-slate-100` },
              ...columns,
              ...(canEdit ? [{ label: <span className="sr-only">Actions</span> }] : []),
            ]}
          >
            <tbody>
              {people.map((person) => (
                <tr key={person.id} className="border-t border-slate-200 align-top">
                  <PersonNameCell person={person} />
                  {cells(person)}
                  {canEdit ? <RemovePersonCell person={person} idField={idField} /> : null}
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </div>
    </section>
  );
}
