import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { USERS_PAGE_SIZE, listUsers, requireUserAdmin, readFlash, requireViewer, json } from "./route.server";
import { Button, FlashMessage, buttonClass } from "~/components/FormParts";
import { formatDateTime, plural } from "~/utils/format";
import { DataTable } from "~/components/DataTable";

export const meta: MetaFunction = () => [{ title: "Utilisateurs – Sessions" }];

export const STATE_LABELS = { active: "Actif", invited: "Invité", disabled: "Désactivé" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const managed = requireUserAdmin(await requireViewer(request));
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get("page")) || 1));
  const [{ users, total }, { flash, headers }] = await Promise.all([listUsers(managed, q, page), readFlash(request)]);
  return json({ users, total, q, page, pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)), flash }, { headers });
}

export default function Users() {
  const { users, total, q, page, pages, flash } = useLoaderData<typeof loader>();
  const pageUrl = (p: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Utilisateurs</h1>
        <Link to="/administration/utilisateurs/inviter" className={buttonClass("primary", "md")}>
          Inviter un utilisateur
        </Link>
      </div>
      <FlashMessage flash={flash} />
      <Form method="get" className="mt-4 flex gap-2" role="search">
        <label htmlFor="q" className="sr-only">
          Rechercher un utilisateur
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="E-mail ou nom"
          className="rounded border border-slate-400 px-3 py-2"
        />
        <Button variant="secondary" size="md">
          Rechercher
        </Button>
      </Form>
      <p className="mt-2 text-sm text-slate-600">{plural(total, "utilisateur", "utilisateurs")}</p>
      <DataTable
        className="mt-2"
        tableClassName="border-collapse bg-white shadow"
        caption="Utilisateurs"
        columns={[
          { label: "E-mail", className: "sticky left-0 bg-slate-100" },
          "Nom",
          "Portées",
          "État",
          "Dernière connexion",
        ]}
      >
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-b align-top">
              <td className="sticky left-0 max-w-40 break-words bg-white px-3 py-2">
                <Link to={`/administration/utilisateurs/${u.id}`} className="text-brand-700 underline">
                  {u.email}
                </Link>
              </td>
              <td className="px-3 py-2">{u.name}</td>
              <td className="px-3 py-2">
                {u.isAdmin ? <div>Administrateur</div> : null}
                {u.scopes.map((s) => (
                  <div key={s.organiserId}>
                    {s.name} ({s.role})
                  </div>
                ))}
              </td>
              <td className="px-3 py-2">{STATE_LABELS[u.state]}</td>
              <td className="px-3 py-2">{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "jamais"}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm">
        {page > 1 ? <Link to={pageUrl(page - 1)}>Page précédente</Link> : null}
        <span>
          Page {page} sur {pages}
        </span>
        {page < pages ? <Link to={pageUrl(page + 1)}>Page suivante</Link> : null}
      </nav>
    </div>
  );
}
