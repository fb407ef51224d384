import { json } from "@remix-run/node";
import type { Role } from "../../db/schema";
import { getLoginSession, loginRedirect, type AuthUser } from "./auth.server";
import { recordSecurityEvent, type RequestClient } from "~/journal/journal.server";
import { requestClient } from "./client.server";
import { db } from "./db.server";
import { currentRequest, noteUser } from "./request-context.server";

export interface Scope {
  organiserId: number;
  code: string;
  name: string;
  role: Role;
}

/** Who is asking, and for which scope they act now. */
export interface Viewer {
  loginSessionId: string;
  user: AuthUser;
  scopes: Scope[];
  /** The scope the user acts for now; null for an administrator without scope, or a user with none. */
  current: Scope | null;
  /** The request's IP address and browser, for the journal rows this request may write. */
  client: RequestClient;
  /** What the request asks (`GET /sessions/12`), named by an access refused in the journal. */
  asked: string;
}

export const SESSION_CLOSED_MESSAGE = "Cette session est clôturée : elle ne peut plus être modifiée.";
export const READ_ONLY_MESSAGE = "Votre rôle de lecteur ne permet pas de modifier cette session.";

export async function listScopes(userId: number): Promise<Scope[]> {
  const rows = await db
    .selectFrom("user_scopes as us")
    .innerJoin("organisers as o", "o.id", "us.organiser_id")
    .select(["o.id", "o.code", "o.name", "us.role"])
    .where("us.user_id", "=", userId)
    .orderBy("o.name")
    .execute();
  return rows.map((r) => ({ organiserId: r.id, code: r.code, name: r.name, role: r.role }));
}

async function loadViewer(request: Request): Promise<Viewer | null> {
  const session = await getLoginSession(request);
  if (!session) return null;
  noteUser(session.user.id);
  const scopes = await listScopes(session.user.id);
  const current =
    scopes.find((s) => s.organiserId === session.currentOrganiserId) ??
    (session.user.isAdmin ? null : (scopes[0] ?? null));
  return {
    loginSessionId: session.id,
    user: session.user,
    scopes,
    current,
    client: requestClient(request, currentRequest()),
    asked: `${request.method} ${new URL(request.url).pathname}`,
  };
}

/**
 * The viewer is read once per request. Remix hands the root loader and the page's loader each a
 * copy of the request, and each copy has an abort signal of its own; what they share is the
 * server's context of the incoming request (app/utils/request-context.server.ts). The viewer is
 * kept against that context (against the request's signal outside the server: unit tests), and
 * only for the same cookie, so that two requests never share it.
 */
const viewers = new WeakMap<object, { cookie: string | null; viewer: Promise<Viewer | null> }>();

/** Who is asking, or null when nobody is logged in (or the login session has expired). */
export function getViewer(request: Request): Promise<Viewer | null> {
  const cookie = request.headers.get("Cookie");
  const key: object = currentRequest() ?? request.signal;
  const known = viewers.get(key);
  if (known && known.cookie === cookie) return known.viewer;
  const viewer = loadViewer(request);
  viewers.set(key, { cookie, viewer });
  return viewer;
}

/** Who is asking, or a redirect to /connexion that comes back to the asked page. */
export async function requireViewer(request: Request): Promise<Viewer> {
  const viewer = await getViewer(request);
  if (!viewer) throw loginRedirect(request);
  return viewer;
}

export function notFound(): never {
  throw json({ message: "Page introuvable" }, { status: 404 });
}

/** The refusals already written for a request (its server context; the viewer outside the server). */
const refusalsWritten = new WeakMap<object, Set<string>>();

/**
 * An object that exists but belongs to a scope the viewer does not hold: the refusal is written to
 * the journal (alone: nothing else changes), then answered 404 as for an object that does not exist.
 */
export async function refuseAccess(viewer: Viewer, what: string): Promise<never> {
  // A page's loaders each check the object (the session's layout and its page): one row per request.
  const request: object = currentRequest() ?? viewer;
  const written = refusalsWritten.get(request) ?? new Set<string>();
  refusalsWritten.set(request, written);
  if (written.has(what)) notFound();
  written.add(what);
  await recordSecurityEvent(db, {
    kind: "access_refused",
    userId: viewer.user.id,
    email: viewer.user.email,
    client: viewer.client,
    details: `${viewer.asked} : ${what}`,
  });
  notFound();
}

/** The viewer may act in some scope (a licensee-only account has none: it only has its own space). */
export function requireSessionsAccess(viewer: Viewer): void {
  if (!viewer.user.isAdmin && viewer.scopes.length === 0) notFound();
}

/**
 * The scope a new session is written into (« Nouvelle session », « Importer une session »): the
 * current one, held as gestionnaire; null for an administrator who has chosen none. A lecteur gets
 * 403 with `lecteurMessage`; a user without any scope, 404.
 */
export function requireNewSessionScope(viewer: Viewer, lecteurMessage: string): Scope | null {
  requireSessionsAccess(viewer);
  if (viewer.current && viewer.current.role !== "gestionnaire") {
    throw json({ message: lecteurMessage }, { status: 403 });
  }
  return viewer.current;
}

/**
 * The role the viewer holds over an organiser's sessions, or null when the organiser is none of
 * the viewer's scopes. The administrator manages every organiser.
 */
export function roleFor(viewer: Viewer, organiserId: number): Role | null {
  if (viewer.user.isAdmin) return "gestionnaire";
  return viewer.scopes.find((s) => s.organiserId === organiserId)?.role ?? null;
}

export interface AccessibleSession {
  id: number;
  organiserId: number;
  status: "draft" | "closed";
  role: Role;
}

/**
 * Loads a session the viewer may see, or answers 404 (a session of a scope the viewer does not
 * hold does not exist for them). With `write`, a lecteur gets 403 and a closed session 409.
 * A session of another of the viewer's own scopes is reachable (a shared link), and that scope
 * becomes the current one (docs/decisions/003-session-of-another-held-scope.md).
 */
export async function requireSession(
  viewer: Viewer,
  rawId: string | undefined,
  { write = false }: { write?: boolean } = {},
): Promise<AccessibleSession> {
  if (!rawId || !/^\d{1,15}$/.test(rawId)) notFound();
  const row = await db
    .selectFrom("exam_sessions")
    .select(["id", "organiser_id", "status"])
    .where("id", "=", Number(rawId))
    .executeTakeFirst();
  if (!row) notFound();
  const role = roleFor(viewer, row.organiser_id);
  if (!role) return refuseAccess(viewer, `session ${row.id} d'une autre portée`);
  if (!viewer.user.isAdmin && viewer.current?.organiserId !== row.organiser_id) {
    await switchScope(viewer, row.organiser_id);
  }
  if (write && role !== "gestionnaire") throw json({ message: READ_ONLY_MESSAGE }, { status: 403 });
  if (write && row.status === "closed") throw json({ message: SESSION_CLOSED_MESSAGE }, { status: 409 });
  return { id: row.id, organiserId: row.organiser_id, status: row.status, role };
}

/** A screen of one session: the signed-in viewer (or the sign-in page) and the session (requireSession). */
export async function requireViewerAndSession(
  request: Request,
  rawId: string | undefined,
  options?: { write?: boolean },
): Promise<{ viewer: Viewer; access: AccessibleSession }> {
  const viewer = await requireViewer(request);
  return { viewer, access: await requireSession(viewer, rawId, options) };
}

/** Makes one of the viewer's scopes the current one; false when the viewer does not hold it. */
export async function switchScope(viewer: Viewer, organiserId: number): Promise<boolean> {
  const scope = viewer.scopes.find((s) => s.organiserId === organiserId);
  if (!scope) return false;
  await db
    .updateTable("login_sessions")
    .set({ current_organiser_id: organiserId })
    .where("id", "=", viewer.loginSessionId)
    .execute();
  viewer.current = scope;
  return true;
}
