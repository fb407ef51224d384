import { Form, Link } from "@remix-run/react";
import { Button } from "./Button";
import { AuthenticityTokenInput } from "./AuthenticityTokenInput";

/** A licensee listed on a session tab (a candidate or a jury member). */
export interface ListedPerson {
  id: number;
  licence: string;
  last_name: string;
  first_name: string;
}

/** The "Nom prénom" cell: the person's name, linked to their licensee page. */
export function PersonNameCell({ person }: { person: ListedPerson }) {
  return (
    <td className="px-3 py-2">
      <Link to={`/licencies/${person.licence}`} className="text-brand-700 underline">
        {person.last_name} {person.first_name}
      </Link>
    </td>
  );
}

/** The header of the column that holds the "Retirer" buttons (named for screen readers only). */
export function ActionsHeader() {
  return (
    <th scope="col" className="px-3 py-2">
      <span className="sr-only">Actions</span>
    </th>
  );
}

/**
 * The "Retirer" cell: a form posting `intent=remove` with the person's id under `idField`,
 * the name the tab's action reads it from ("candidate", "member").
 */
export function RemovePersonCell({ person, idField }: { person: ListedPerson; idField: string }) {
  return (
    <td className="px-3 py-2 text-right">
      <Form method="post" preventScrollReset>
        <AuthenticityTokenInput />
        <input type="hidden" name="intent" value="remove" />
        <input type="hidden" name={idField} value={person.id} />
        <Button variant="remove" size="sm" aria-label={`Retirer ${person.last_name} ${person.first_name}`}>
          Retirer
        </Button>
      </Form>
    </td>
  );
}
