import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the server (server/app.js) knows of the request under way, shared with the app: the
 * request id of the log line, the CSP nonce, the CSRF token the request's forms carry, and the
 * user id the log line names (set once the viewer is known). The same object is Remix's load
 * context; the storage lets code without access to it (the viewer, the upload reader) reach it.
 */
export interface RequestContext {
  requestId: string;
  nonce: string;
  csrfToken: string;
  userId: number | null;
  /** The SQLite error code of a failed write, for the log line. */
  storageError: string | null;
}

const KEY = Symbol.for("sessions.requestContext");
const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>;

/** One storage per process, whichever of the server or the app build creates it first. */
export const requestStorage: AsyncLocalStorage<RequestContext> = (holder[KEY] ??=
  new AsyncLocalStorage<RequestContext>());

/** The request under way, or undefined outside the server (unit tests, scripts). */
export function currentRequest(): RequestContext | undefined {
  return requestStorage.getStore();
}

/** Names the logged-in user on the request's log line. */
export function noteUser(userId: number): void {
  const context = currentRequest();
  if (context) context.userId = userId;
}

export const CROSS_SITE_MESSAGE =
  "Cette demande vient d'un autre site : elle a été refusée. Rechargez la page et recommencez.";
export const STORAGE_UNAVAILABLE_MESSAGE =
  "Le serveur ne peut pas enregistrer pour le moment : rien n'a été modifié. Réessayez plus tard.";
