import { db } from "~/utils/db.server";

export async function listCandidates(sessionId: number) {
  return db
    .selectFrom("session_candidates as sc")
    .innerJoin("licensees as l", "l.id", "sc.licensee_id")
    .innerJoin("structures as st", "st.code", "l.structure_code")
    .select([
      "sc.id",
      "l.licence",
      "l.last_name",
      "l.first_name",
      "l.birth_date",
      "st.name as structure_name",
      "sc.equivalence_code",
      "sc.result",
    ])
    .where("sc.session_id", "=", sessionId)
    .orderBy("l.last_name_search")
    .orderBy("l.first_name_search")
    .execute();
}

export async function listJury(sessionId: number) {
  return db
    .selectFrom("session_jury as sj")
    .innerJoin("licensees as l", "l.id", "sj.licensee_id")
    .select(["sj.id", "sj.role", "l.licence", "l.last_name", "l.first_name"])
    .where("sj.session_id", "=", sessionId)
    .orderBy("l.last_name_search")
    .execute();
}

export const JURY_ROLE_LABELS = {
  president: "Président de jury",
  delegue: "Délégué",
  membre: "Membre du jury",
} as const;
