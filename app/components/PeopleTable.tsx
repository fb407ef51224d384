import { Form, Link } from "@remix-run/react";
import { useEffect } from "react";
import { Button, AuthenticityTokenInput, type FlashView } from "./FormParts";

/** A licensee listed on a session tab (a candidate or a jury member). */
export interface ListedPerson {
  id: number;
  licence: string;
  last_name: string;
  first_name: string;
}

/** The sticky first column: the name stays on screen while a narrow screen scrolls the table sideways. */
export const NAME_COLUMN = "sticky left-0 z-10 bg-white px-3 py-2";

/** The "Nom prénom" cell: the person's name, linked to their licensee page. */
export function PersonNameCell({ person }: { person: ListedPerson }) {
  return (
    <th scope="row" className={`${NAME_COLUMN} font-normal`}>
      <Link to={`/licencies/${person.licence}`} className="inline-block min-h-6 text-brand-700 underline">
        {person.last_name} {person.first_name}
      </Link>
    </th>
  );
}

/**
 * A person's « Retirer »: a POST form (it works without JavaScript) with `intent=remove` and the
 * person's id under `idField`, the name the tab's action reads it from ("candidate", "member").
 */
export function RemovePersonForm({
  id,
  name,
  idField,
  className,
}: {
  id: number;
  /** « Nom Prénom », for the button's accessible name. */
  name: string;
  idField: string;
  className?: string;
}) {
  return (
    <Form method="post" className={className} preventScrollReset>
      <AuthenticityTokenInput />
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name={idField} value={id} />
      <Button variant="remove" size="sm" aria-label={`Retirer ${name}`}>
        Retirer
      </Button>
    </Form>
  );
}

/** The "Retirer" cell of a tab's row. */
export function RemovePersonCell({ person, idField }: { person: ListedPerson; idField: string }) {
  return (
    <td className="px-3 py-2 text-right">
      <RemovePersonForm id={person.id} name={`${person.last_name} ${person.first_name}`} idField={idField} />
    </td>
  );
}

/** What « Vérifier » would report for one person: the exact messages, the facts behind them, a summary. */
export interface PersonCheck {
  errors: string[];
  facts: (string | null)[];
  summary: string[];
}

/** Each exact message, followed by the fact behind it: « le licencié doit avoir un age >= 14 ans — 11 ans au 28/11/2026 ». */
export function Findings({
  person,
  className = "mt-1 list-disc pl-6 text-red-800",
}: {
  person: Pick<PersonCheck, "errors" | "facts">;
  className?: string;
}) {
  return (
    <ul className={className}>
      {person.errors.map((e, index) => (
        <li key={e}>
          {e}
          {person.facts[index] ? <span className="text-slate-800"> — {person.facts[index]}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The "Vérification" cell of a candidate or a président / délégué, before anyone clicks « Vérifier ». */
export function CheckCell({ check, unchecked }: { check: PersonCheck | undefined; unchecked?: string }) {
  return (
    <td className="min-w-56 px-3 py-2">
      {!check ? null : unchecked ? (
        <span className="text-slate-700">{unchecked}</span>
      ) : (
        <>
          {check.errors.length > 0 ? (
            <Findings person={check} className="list-disc pl-5 text-red-800" />
          ) : (
            <span className="font-medium text-green-800">Aucune erreur</span>
          )}
          <span className="block text-xs text-slate-700">{check.summary.join(" · ")}</span>
        </>
      )}
    </td>
  );
}

/**
 * After an add or a remove (JavaScript on): focus goes back where the user carries on — the
 * search box, or the numbers' text area after a paste — and the message is next to it. Without
 * JavaScript the redirect's fragment brings the page to the same place.
 */
export function useFocusAfterChange(flash: FlashView | null, searchInputId: string) {
  useEffect(() => {
    if (!flash?.at) return;
    const target =
      flash.at === "ajout-licences"
        ? document.getElementById("numeros-licence")
        : flash.at === "recherche" || flash.at === "liste"
          ? (document.getElementById(searchInputId) ?? document.getElementById("message-liste"))
          : null;
    target?.focus();
  }, [flash, searchInputId]);
}
