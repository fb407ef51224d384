/** A licensee's record as the licensee page and « Mon espace » show it: identity, licences, brevets held. */
import type { Source } from "~/sessions/source";

/** The licensee with their structure's name, found by licence number or by id. */
export async function findLicensee(source: Source, by: { licence: string } | { id: number }) {
  const query = source
    .selectFrom("licensees as l")
    .innerJoin("structures as s", "s.code", "l.structure_code")
    .select([
      "l.id",
      "l.licence",
      "l.last_name",
      "l.first_name",
      "l.birth_date",
      "l.structure_code",
      "s.name as structure_name",
    ]);
  return ("id" in by ? query.where("l.id", "=", by.id) : query.where("l.licence", "=", by.licence)).executeTakeFirst();
}

/** The licensee's licences, latest season first. */
export async function listLicences(source: Source, licenseeId: number) {
  return source
    .selectFrom("licences")
    .select(["season", "status"])
    .where("licensee_id", "=", licenseeId)
    .orderBy("season", "desc")
    .execute();
}

/** The brevets the licensee holds, latest first, with the session that awarded each (none: the federal register). */
export async function listHeldCertifications(source: Source, licenseeId: number) {
  return source
    .selectFrom("certifications_held as h")
    .innerJoin("certifications as c", "c.code", "h.certification_code")
    .leftJoin("exam_sessions as s", "s.id", "h.session_id")
    .select([
      "h.id",
      "h.certification_code",
      "c.name",
      "h.obtained_on",
      "h.certificate_number",
      "h.session_id",
      "s.title as session_title",
      "s.organiser_id",
    ])
    .where("h.licensee_id", "=", licenseeId)
    .orderBy("h.obtained_on", "desc")
    .orderBy("c.sort_order")
    .execute();
}
