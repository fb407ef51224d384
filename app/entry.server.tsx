import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
// Start-up checks (configuration, migrations, demo world) run when the server build loads.
import { env } from "./utils/db.server";
import { LOGIN_COOKIE } from "./utils/auth.server";
import { RequestInfo } from "./utils/request-info";
import { currentRequest } from "./utils/request-context.server";

/** What the HTTP server in front of the app (server/app.js) takes from it. */
export const serverConfig = { secret: env.sessionSecret, production: env.production, loginCookie: LOGIN_COOKIE };

/*
 * Pages are rendered to one string: no route defers data or suspends, so a streamed render
 * would send the same bytes at the same moment, through more work (many small chunks encoded
 * and piped through two streams).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const info = { nonce: loadContext?.nonce ?? "", requestId: loadContext?.requestId ?? "" };
  const html = renderToString(
    <RequestInfo.Provider value={info}>
      <RemixServer context={remixContext} url={request.url} nonce={info.nonce} />
    </RequestInfo.Provider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

/**
 * A server fault answering a `_data` request becomes an error answer the page's error boundary
 * shows in French with its reference (Remix's own says "Unexpected Server Error" and drops the id).
 */
export const handleDataRequest: HandleDataRequestFunction = async (response, { context }) => {
  if (!response.headers.has("X-Remix-Error")) return response;
  const headers = new Headers(response.headers);
  headers.delete("X-Remix-Error");
  headers.delete("Content-Length");
  headers.set("X-Remix-Catch", "yes");
  const message =
    "Une erreur inattendue est survenue. Réessayez dans un instant ; si elle persiste, contactez l'assistance.";
  return new Response(JSON.stringify({ message, requestId: context?.requestId }), { status: 500, headers });
};

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  const requestId = currentRequest()?.requestId;
  if (requestId) console.error(`[${requestId}]`, error);
  else console.error(error);
}
