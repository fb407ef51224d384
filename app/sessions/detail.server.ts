import type { Source } from "./source";
import { fromSessions, withColumns } from "./list-query.server";

/** One session as its row of the list shows it, with what guards a change and what its workbook needs. */
export function selectSession(source: Source, id: number) {
  return withColumns(fromSessions(source))
    .select(["s.version", "s.organiser_id", "s.grid_id", "c.grid_code", "c.template"])
    .where("s.id", "=", id);
}

/** One session with its brevet, organiser and who created, changed and closed it: its own page. */
export async function getSessionDetail(source: Source, id: number) {
  // Who created, last changed and closed it, each beside its own join.
  return selectSession(source, id)
    .leftJoin("users as cu", "cu.id", "s.created_by")
    .select(["s.created_at", "cu.name as created_by_name"])
    .leftJoin("users as uu", "uu.id", "s.updated_by")
    .select("uu.name as updated_by_name")
    .leftJoin("users as xu", "xu.id", "s.closed_by")
    .select(["s.closed_at", "xu.name as closed_by_name"])
    .executeTakeFirstOrThrow();
}

export type SessionDetail = Awaited<ReturnType<typeof getSessionDetail>>;

const ACTION_LABELS: Record<string, string> = {
  session_created: "Création",
  session_imported: "Import",
  session_updated: "Modification",
  candidate_added: "Candidat ajouté",
  candidate_removed: "Candidat retiré",
  jury_added: "Membre du jury ajouté",
  jury_removed: "Membre du jury retiré",
  equivalence_changed: "Équivalence modifiée",
  marks_saved: "Notes enregistrées",
  session_closed: "Clôture",
  session_deleted: "Suppression",
  world_loaded: "Chargement du registre",
};

/** A session's history, latest first (at most 200 lines). */
export async function listHistory(source: Source, sessionId: number) {
  const rows = await source
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .select(["a.id", "a.at", "a.action", "a.details", "u.name as user_name"])
    .where("a.session_id", "=", sessionId)
    .orderBy("a.at", "desc")
    .orderBy("a.id", "desc")
    .limit(200)
    .execute();
  return rows.map((row) => ({ ...row, label: ACTION_LABELS[row.action] ?? row.action }));
}
