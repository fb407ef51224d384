import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { Header } from "./components/Header";
import styles from "./tailwind.css";
import { formatDateTime } from "./utils/format";
import { useRequestInfo } from "./utils/request-info";
import { backupFailure, env, getViewer, json } from "./root.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Sessions – examens et brevets" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const csrfToken = context.csrfToken ?? "";
  if (!viewer) return json({ viewer: null, csrfToken });
  return json({
    csrfToken,
    viewer: {
      name: viewer.user.name,
      isAdmin: viewer.user.isAdmin,
      hasLicensee: viewer.user.licenseeId !== null,
      scopes: viewer.scopes,
      current: viewer.current,
    },
    backupFailure: viewer.user.isAdmin ? backupFailure(env.databaseUrl) : null,
  });
}

export type RootLoader = typeof loader;

function Document({ children }: { children: ReactNode }) {
  const { nonce } = useRequestInfo();
  useEffect(() => {
    // Lets end-to-end tests know the page is interactive.
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang="fr" className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-full bg-slate-50 text-slate-900 antialiased">
        <a
          href="#contenu"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Aller au contenu
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRouteLoaderData<RootLoader>("root");
  return (
    <Document>
      <Header viewer={data?.viewer ?? null} />
      {data && "backupFailure" in data && data.backupFailure ? (
        <div role="alert" className="border-b border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="mx-auto max-w-7xl">
            <strong>Sauvegarde automatique en échec</strong> depuis le {formatDateTime(data.backupFailure.since)} :{" "}
            {data.backupFailure.message} Les données ne sont plus sauvegardées : voir la section « Exploitation » du
            README.
          </p>
        </div>
      ) : null}
      <main id="contenu" className="mx-auto max-w-7xl px-4 py-6">
        <Outlet />
      </main>
    </Document>
  );
}

const ERROR_TITLES: Record<number, string> = {
  400: "Demande invalide",
  403: "Action non autorisée",
  404: "Page introuvable",
  405: "Action non autorisée",
  409: "Modification impossible",
  413: "Formulaire trop volumineux",
  503: "Service momentanément indisponible",
};

/**
 * The request id of the failed answer, as the server log names it: a `_data` answer carries it,
 * a page rendered by the server has it in its context (and, once in the browser, in its markup).
 */
function useReference(error: unknown): string | null {
  const { requestId } = useRequestInfo();
  const [reference] = useState(() => {
    const fromData =
      isRouteErrorResponse(error) && error.data && typeof error.data === "object" && "requestId" in error.data
        ? String((error.data as { requestId: unknown }).requestId)
        : null;
    if (fromData) return fromData;
    if (requestId) return requestId;
    if (typeof document !== "undefined" && !document.documentElement.dataset.hydrated) {
      return document.getElementById("reference")?.dataset.reference ?? null;
    }
    return null;
  });
  return reference;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<RootLoader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = ERROR_TITLES[status] ?? "Erreur du serveur";
  const reference = useReference(error);
  const detail =
    isRouteErrorResponse(error) && error.data && typeof error.data === "object" && "message" in error.data
      ? String((error.data as { message: unknown }).message)
      : status === 404
        ? "La page demandée n'existe pas ou ne vous est pas accessible."
        : status === 500
          ? "Une erreur inattendue est survenue. Réessayez dans un instant ; si elle persiste, contactez l'assistance."
          : null;
  return (
    <Document>
      <Header viewer={data?.viewer ?? null} />
      <main id="contenu" className="mx-auto max-w-3xl px-4 py-12">
        <h1 className="text-2xl font-semibold">{title}</h1>
        {detail && detail !== title ? <p className="mt-3 text-slate-700">{detail}</p> : null}
        {reference ? (
          <p id="reference" data-reference={reference} className="mt-6 text-sm text-slate-500">
            Référence : {reference}
          </p>
        ) : null}
        <p className="mt-6">
          <a className="text-brand-700 underline" href="/">
            Retour à l'accueil
          </a>
        </p>
      </main>
    </Document>
  );
}
