import { json } from "@remix-run/node";
import { likeContaining } from "../../db/dialect";
import { normalizeName, searchWords } from "../../db/normalize";
import type { Role, UserState } from "../../db/schema";
import { recordSecurityEvent, type RequestClient } from "~/journal/journal.server";
import { db } from "~/utils/db.server";
import { refuseAccess, type Viewer } from "~/utils/scope.server";
import { endLogins } from "./accounts.server";
import { createPasswordToken } from "./tokens.server";

export const USERS_PAGE_SIZE = 25;
export const NOT_ALLOWED = "Vous ne pouvez pas administrer les utilisateurs.";
export const SCOPE_NOT_MANAGED = "Vous ne pouvez donner que les portées dont vous êtes gestionnaire.";

/**
 * Who may administer accounts: the administrator (every account, every scope), or a gestionnaire
 * (the accounts holding one of the scopes he manages; he gives only those scopes). `null`: nobody.
 */
export function managedScopes(viewer: Viewer): "all" | Set<number> | null {
  if (viewer.user.isAdmin) return "all";
  const managed = new Set(viewer.scopes.filter((s) => s.role === "gestionnaire").map((s) => s.organiserId));
  return managed.size > 0 ? managed : null;
}

export function requireUserAdmin(viewer: Viewer): "all" | Set<number> {
  const managed = managedScopes(viewer);
  if (!managed) throw json({ message: NOT_ALLOWED }, { status: 403 });
  return managed;
}

export interface UserRow {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
  state: UserState;
  lastLoginAt: string | null;
  scopes: { organiserId: number; name: string; code: string; role: Role }[];
}

/** One page of the accounts the viewer may see, searched by e-mail or name. */
export async function listUsers(managed: "all" | Set<number>, search: string, page: number) {
  let query = db.selectFrom("users as u");
  if (managed !== "all") {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_scopes as us")
          .select("us.user_id")
          .whereRef("us.user_id", "=", "u.id")
          .where("us.organiser_id", "in", [...managed]),
      ),
    );
  }
  // The e-mail (stored in lower case) holding what was typed, or the name holding each of its words,
  // whatever the order, case and accents (« elodie martin » finds « Martin Élodie »).
  const term = search.trim().toLowerCase();
  const words = searchWords(search);
  if (term) {
    query = query.where((eb) =>
      eb.or([
        likeContaining("u.email", term),
        ...(words.length > 0 ? [eb.and(words.map((word) => likeContaining("u.name_search", word)))] : []),
      ]),
    );
  }
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const rows = await query
    .select(["u.id", "u.email", "u.name", "u.is_admin", "u.state", "u.last_login_at"])
    .orderBy("u.email")
    .limit(USERS_PAGE_SIZE)
    .offset((page - 1) * USERS_PAGE_SIZE)
    .execute();
  return { users: await withScopes(rows), total };
}

/** The organisers the viewer may give as scopes. */
export async function grantableOrganisers(managed: "all" | Set<number>) {
  let query = db.selectFrom("organisers").select(["id", "name", "code"]).orderBy("name");
  if (managed !== "all") query = query.where("id", "in", [...managed, -1]);
  return query.execute();
}

/** A scope the viewer does not manage, given by a forged form: 403, written to the journal (alone). */
export async function assertGrantable(
  viewer: Viewer,
  managed: "all" | Set<number>,
  organiserIds: number[],
): Promise<void> {
  if (managed === "all") return;
  const foreign = organiserIds.filter((id) => !managed.has(id));
  if (foreign.length === 0) return;
  await recordSecurityEvent(db, {
    kind: "access_refused",
    userId: viewer.user.id,
    email: viewer.user.email,
    client: viewer.client,
    details: `${viewer.asked} : portées non gérées demandées (organisateurs ${foreign.join(", ")})`,
  });
  throw json({ message: SCOPE_NOT_MANAGED }, { status: 403 });
}

/**
 * The account, when the viewer may administer it (404 otherwise, as for any object of another
 * scope; an account that exists outside the viewer's scopes is written to the journal).
 */
export async function requireManagedUser(viewer: Viewer, managed: "all" | Set<number>, rawId: string | undefined) {
  if (!rawId || !/^\d{1,15}$/.test(rawId)) throw json({ message: "Page introuvable" }, { status: 404 });
  const { users } = await listUsersByIds(managed, [Number(rawId)]);
  const user = users[0];
  if (user) return user;
  const exists = await db.selectFrom("users").select("id").where("id", "=", Number(rawId)).executeTakeFirst();
  if (exists) return refuseAccess(viewer, `compte ${exists.id} hors des portées gérées`);
  throw json({ message: "Page introuvable" }, { status: 404 });
}

async function listUsersByIds(managed: "all" | Set<number>, ids: number[]) {
  const rows = await db
    .selectFrom("users")
    .select(["id", "email", "name", "is_admin", "state", "last_login_at"])
    .where("id", "in", ids)
    .execute();
  const users = (await withScopes(rows)).filter(
    (u) => managed === "all" || (!u.isAdmin && u.scopes.some((s) => managed.has(s.organiserId))),
  );
  return { users };
}

/** Accounts as the screens show them: each with its scopes (organiser and role), by organiser name. */
async function withScopes(
  rows: { id: number; email: string; name: string; is_admin: number; state: UserState; last_login_at: string | null }[],
): Promise<UserRow[]> {
  const scopes = rows.length
    ? await db
        .selectFrom("user_scopes as us")
        .innerJoin("organisers as o", "o.id", "us.organiser_id")
        .select(["us.user_id", "o.id", "o.name", "o.code", "us.role"])
        .where(
          "us.user_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("o.name")
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    isAdmin: r.is_admin === 1,
    state: r.state,
    lastLoginAt: r.last_login_at,
    scopes: scopes
      .filter((s) => s.user_id === r.id)
      .map((s) => ({ organiserId: s.id, name: s.name, code: s.code, role: s.role })),
  }));
}

export interface Invitation {
  email: string;
  name: string;
  licence: string | null;
  scopes: { organiserId: number; role: Role }[];
}

export type InviteResult =
  | { ok: true; token: string; userId: number }
  | { ok: false; field: "email" | "licence"; message: string };

/** Creates the invited account, its scopes, its 7-day link and the journal row, in one transaction. */
export async function inviteUser(viewer: Viewer, invitation: Invitation, client: RequestClient): Promise<InviteResult> {
  const email = invitation.email.trim().toLowerCase();
  return db.transaction().execute(async (trx): Promise<InviteResult> => {
    if (await trx.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst()) {
      return { ok: false, field: "email", message: "Un compte existe déjà pour cette adresse." };
    }
    let licenseeId: number | null = null;
    if (invitation.licence) {
      const licensee = await trx
        .selectFrom("licensees")
        .select("id")
        .where("licence", "=", invitation.licence)
        .executeTakeFirst();
      if (!licensee) return { ok: false, field: "licence", message: "Aucun licencié ne porte cette licence." };
      licenseeId = licensee.id;
    }
    const user = await trx
      .insertInto("users")
      .values({
        email,
        password_hash: "",
        name: invitation.name,
        name_search: normalizeName(invitation.name),
        is_admin: 0,
        licensee_id: licenseeId,
        created_at: new Date().toISOString(),
        state: "invited",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("user_scopes")
      .values(invitation.scopes.map((s) => ({ user_id: user.id, organiser_id: s.organiserId, role: s.role })))
      .execute();
    const token = await createPasswordToken(trx, user.id, "invitation", viewer.user.id);
    await recordSecurityEvent(trx, {
      kind: "invitation_sent",
      userId: viewer.user.id,
      email,
      client,
      details: `invité par ${viewer.user.email} ; portées : ${await describeScopes(trx, invitation.scopes)}`,
    });
    return { ok: true, token, userId: user.id };
  });
}

async function describeScopes(trx: typeof db, scopes: { organiserId: number; role: Role }[]): Promise<string> {
  if (scopes.length === 0) return "aucune";
  const names = await trx
    .selectFrom("organisers")
    .select(["id", "code"])
    .where(
      "id",
      "in",
      scopes.map((s) => s.organiserId),
    )
    .execute();
  return scopes
    .map((s) => `${names.find((n) => n.id === s.organiserId)?.code ?? s.organiserId} (${s.role})`)
    .join(", ");
}

/**
 * Replaces the scopes the viewer manages on an account by `scopes` (the others stay as they are),
 * in one transaction with the journal row.
 */
export async function changeScopes(
  viewer: Viewer,
  managed: "all" | Set<number>,
  user: UserRow,
  scopes: { organiserId: number; role: Role }[],
  client: RequestClient,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let remove = trx.deleteFrom("user_scopes").where("user_id", "=", user.id);
    if (managed !== "all") remove = remove.where("organiser_id", "in", [...managed]);
    await remove.execute();
    if (scopes.length > 0) {
      await trx
        .insertInto("user_scopes")
        .values(scopes.map((s) => ({ user_id: user.id, organiser_id: s.organiserId, role: s.role })))
        .execute();
    }
    await recordSecurityEvent(trx, {
      kind: "user_scopes_changed",
      userId: viewer.user.id,
      email: user.email,
      client,
      details: `par ${viewer.user.email} ; portées : ${await describeScopes(trx, scopes)}`,
    });
  });
}

/** « Désactiver » (every login of the account ends at once) or « Réactiver ». */
export async function setDisabled(
  viewer: Viewer,
  user: UserRow,
  disabled: boolean,
  client: RequestClient,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    const state: UserState = disabled ? "disabled" : row.password_hash ? "active" : "invited";
    await trx.updateTable("users").set({ state }).where("id", "=", user.id).execute();
    if (disabled) await endLogins(trx, user.id);
    await recordSecurityEvent(trx, {
      kind: disabled ? "user_disabled" : "user_enabled",
      userId: viewer.user.id,
      email: user.email,
      client,
      details: `par ${viewer.user.email}`,
    });
  });
}
