import { Form, NavLink, useLocation, useSubmit } from "@remix-run/react";
import { AuthenticityTokenInput } from "./FormParts";

interface ScopeView {
  organiserId: number;
  code: string;
  name: string;
  role: "gestionnaire" | "lecteur";
}

export interface HeaderViewer {
  name: string;
  isAdmin: boolean;
  hasLicensee: boolean;
  scopes: ScopeView[];
  current: ScopeView | null;
}

const ROLE_LABELS = { gestionnaire: "gestionnaire", lecteur: "lecteur" } as const;

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded px-3 py-2 text-sm font-medium ${isActive ? "bg-white/15 text-white" : "text-blue-100 hover:bg-white/10 hover:text-white"}`;

export function Header({ viewer }: { viewer: HeaderViewer | null }) {
  const location = useLocation();
  const submit = useSubmit();
  const canUseSessions = viewer !== null && (viewer.isAdmin || viewer.scopes.length > 0);
  return (
    <header className="no-print bg-brand-900 text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <a
          href={canUseSessions ? "/sessions" : viewer?.hasLicensee ? "/mon-espace" : "/"}
          className="text-lg font-semibold tracking-tight"
        >
          Sessions
        </a>
        {viewer ? (
          <nav aria-label="Navigation principale" className="flex flex-wrap gap-1">
            {canUseSessions ? (
              <>
                <NavLink to="/sessions" end className={navClass}>
                  Sessions
                </NavLink>
                <NavLink to="/sessions/importer" className={navClass}>
                  Importer
                </NavLink>
                <NavLink to="/modeles" className={navClass}>
                  Modèles
                </NavLink>
              </>
            ) : null}
            {viewer.hasLicensee ? (
              <NavLink to="/mon-espace" className={navClass}>
                Mon espace
              </NavLink>
            ) : null}
            {viewer.isAdmin || viewer.scopes.some((s) => s.role === "gestionnaire") ? (
              <NavLink to="/administration/utilisateurs" className={navClass}>
                Utilisateurs
              </NavLink>
            ) : null}
            {viewer.isAdmin ? (
              <NavLink to="/administration/journal" className={navClass}>
                Journal
              </NavLink>
            ) : null}
          </nav>
        ) : null}
        {viewer ? (
          <div className="ml-auto flex min-w-0 flex-wrap items-center gap-x-4 gap-y-2 text-sm">
            <div data-testid="portee-courante">
              {viewer.current ? (
                <span>
                  <span className="text-blue-200">Portée : </span>
                  <strong>{viewer.current.name}</strong> ({ROLE_LABELS[viewer.current.role]})
                </span>
              ) : viewer.isAdmin ? (
                <span>
                  <span className="text-blue-200">Portée : </span>
                  <strong>toutes les structures</strong> (administrateur)
                </span>
              ) : null}
            </div>
            {viewer.scopes.length > 1 || (viewer.isAdmin && viewer.scopes.length > 0) ? (
              <Form method="post" action="/portee" className="flex min-w-0 max-w-full flex-wrap items-center gap-2">
                <AuthenticityTokenInput />
                <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
                <label htmlFor="portee" className="text-blue-200">
                  Changer de portée
                </label>
                <select
                  id="portee"
                  name="organiser"
                  defaultValue={viewer.current?.organiserId ?? ""}
                  className="min-w-0 max-w-[calc(100vw-2rem)] rounded border border-blue-300 bg-white px-2 py-1 text-slate-900"
                  onChange={(event) => submit(event.currentTarget.form)}
                >
                  {viewer.isAdmin ? <option value="">Toutes les structures</option> : null}
                  {viewer.scopes.map((scope) => (
                    <option key={scope.organiserId} value={scope.organiserId}>
                      {scope.name} ({ROLE_LABELS[scope.role]})
                    </option>
                  ))}
                </select>
                <noscript>
                  <button type="submit" className="rounded bg-white/15 px-2 py-1">
                    Valider
                  </button>
                </noscript>
              </Form>
            ) : null}
            <a
              href="/compte"
              aria-label="Utilisateur connecté"
              className="inline-block py-1 underline decoration-blue-300 hover:text-blue-100"
            >
              {viewer.name}
            </a>
            <Form method="post" action="/deconnexion">
              <AuthenticityTokenInput />
              <button type="submit" className="rounded border border-blue-300 px-3 py-1 hover:bg-white/10">
                Se déconnecter
              </button>
            </Form>
          </div>
        ) : null}
      </div>
    </header>
  );
}
