/**
 * An instructor's authorisations (domain.md §6): the organisers — clubs/SCAs, committees'
 * commissions — allowed to deliver brevets in their name. The close checks read the same
 * `authorisations` rows, so a change here decides the next "Vérifier" / "Clôturer".
 *
 * Every function takes the database (or a transaction) as its first argument, so that it runs
 * against any freshly migrated file in tests.
 */
import { lockLicenseeRow } from "../../db/dialect";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { recordHistory } from "~/utils/audit.server";
import type { Source } from "~/sessions/source";

export interface AuthorisationRow {
  id: number;
  organiserId: number;
  code: string;
  name: string;
  /** ISO timestamp; null for an authorisation loaded from the registry without its date. */
  givenAt: string | null;
}

/** The organisers a licensee authorises, by name. */
export async function listAuthorisations(source: Source, licenseeId: number): Promise<AuthorisationRow[]> {
  const rows = await source
    .selectFrom("authorisations as a")
    .innerJoin("organisers as o", "o.id", "a.organiser_id")
    .select(["a.id", "a.organiser_id", "o.code", "o.name", "a.given_at"])
    .where("a.licensee_id", "=", licenseeId)
    .orderBy("o.name_search")
    .orderBy("o.code")
    .execute();
  return rows.map((r) => ({ id: r.id, organiserId: r.organiser_id, code: r.code, name: r.name, givenAt: r.given_at }));
}

/**
 * Among `licenseeIds`, those who authorise the organiser (a club, or a committee's commission):
 * the lookup the close checks need for a session's présidents and délégués.
 */
export async function authorisersOf(source: Source, organiserId: number, licenseeIds: number[]): Promise<Set<number>> {
  if (licenseeIds.length === 0) return new Set();
  const rows = await source
    .selectFrom("authorisations")
    .select("licensee_id")
    .where("organiser_id", "=", organiserId)
    .where("licensee_id", "in", licenseeIds)
    .execute();
  return new Set(rows.map((r) => r.licensee_id));
}

/** The same lookup by organiser code (`0750001`, `CODEP-75/TECHNIQUE`). */
export async function hasAuthorised(source: Source, licenseeId: number, organiserCode: string): Promise<boolean> {
  const row = await source
    .selectFrom("authorisations as a")
    .innerJoin("organisers as o", "o.id", "a.organiser_id")
    .select("a.id")
    .where("a.licensee_id", "=", licenseeId)
    .where("o.code", "=", organiserCode)
    .executeTakeFirst();
  return row !== undefined;
}

export type ChangeOutcome = { ok: true; name: string; code: string } | { ok: false; message: string };

export const MESSAGES = {
  badOrganiser: "Structure invalide : choisissez-la dans les résultats de la recherche.",
  unknownOrganiser: "Cette structure n'existe pas : choisissez-la dans les résultats de la recherche.",
  alreadyGiven: (name: string) => `Vous avez déjà autorisé « ${name} ».`,
  badAuthorisation: "Autorisation invalide.",
  alreadyWithdrawn: "Cette autorisation n'existe pas ou a déjà été retirée.",
} as const;

/** An id typed in a URL or a form: digits only, as a safe integer. */
export function parseId(raw: FormDataEntryValue | string | null | undefined): number | null {
  if (typeof raw !== "string" || !/^\d{1,12}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 ? id : null;
}

const CHANGES = {
  given: { action: "authorisation_given", done: "donnée" },
  withdrawn: { action: "authorisation_withdrawn", done: "retirée" },
} as const;

/** The history line of a change to an authorisation (« Autorisation donnée à … »), and its outcome. */
async function recordChange(
  trx: Transaction<Database>,
  who: { userId: number; licenseeId: number },
  change: keyof typeof CHANGES,
  organiser: { name: string; code: string },
): Promise<ChangeOutcome> {
  const { action, done } = CHANGES[change];
  const details = `Autorisation ${done} à « ${organiser.name} » (${organiser.code})`;
  await recordHistory(trx, { ...who, action, details });
  return { ok: true, name: organiser.name, code: organiser.code };
}

/** Authorises an organiser, dated now, with its history line: one transaction. */
export async function giveAuthorisation(
  db: Kysely<Database>,
  {
    userId,
    licenseeId,
    organiserId,
    now = new Date(),
  }: { userId: number; licenseeId: number; organiserId: number; now?: Date },
): Promise<ChangeOutcome> {
  return db.transaction().execute(async (trx) => {
    await lockLicenseeRow(trx, licenseeId);
    const organiser = await trx
      .selectFrom("organisers")
      .select(["id", "code", "name"])
      .where("id", "=", organiserId)
      .executeTakeFirst();
    if (!organiser) return { ok: false, message: MESSAGES.unknownOrganiser };
    const existing = await trx
      .selectFrom("authorisations")
      .select("id")
      .where("licensee_id", "=", licenseeId)
      .where("organiser_id", "=", organiser.id)
      .executeTakeFirst();
    if (existing) return { ok: false, message: MESSAGES.alreadyGiven(organiser.name) };
    await trx
      .insertInto("authorisations")
      .values({ licensee_id: licenseeId, organiser_id: organiser.id, given_at: now.toISOString() })
      .execute();
    return recordChange(trx, { userId, licenseeId }, "given", organiser);
  });
}

/** One of the licensee's own authorisations, for the confirmation page; undefined otherwise. */
export async function findOwnAuthorisation(source: Source, licenseeId: number, authorisationId: number) {
  const row = await source
    .selectFrom("authorisations as a")
    .innerJoin("organisers as o", "o.id", "a.organiser_id")
    .select(["a.id", "o.code", "o.name", "a.given_at"])
    .where("a.id", "=", authorisationId)
    .where("a.licensee_id", "=", licenseeId)
    .executeTakeFirst();
  return row && { id: row.id, code: row.code, name: row.name, givenAt: row.given_at };
}

/** Withdraws one of the licensee's own authorisations, with its history line: one transaction. */
export async function withdrawAuthorisation(
  db: Kysely<Database>,
  { userId, licenseeId, authorisationId }: { userId: number; licenseeId: number; authorisationId: number },
): Promise<ChangeOutcome> {
  return db.transaction().execute(async (trx) => {
    await lockLicenseeRow(trx, licenseeId);
    const row = await findOwnAuthorisation(trx, licenseeId, authorisationId);
    if (!row) return { ok: false, message: MESSAGES.alreadyWithdrawn };
    await trx.deleteFrom("authorisations").where("id", "=", row.id).execute();
    return recordChange(trx, { userId, licenseeId }, "withdrawn", row);
  });
}

/** The latest authorisation changes of a licensee, newest first. */
export async function authorisationHistory(source: Source, licenseeId: number, limit = 20) {
  return source
    .selectFrom("audit_log")
    .select(["id", "at", "action", "details"])
    .where("licensee_id", "=", licenseeId)
    .where("action", "in", ["authorisation_given", "authorisation_withdrawn"])
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
