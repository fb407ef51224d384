/** What "Mon espace" shows of the person linked to the account: identity, licences, brevets. */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";

type Source = Kysely<Database> | Transaction<Database>;

export async function loadOwnRecord(source: Source, licenseeId: number) {
  const [person, licences, certifications] = await Promise.all([
    source
      .selectFrom("licensees as l")
      .innerJoin("structures as s", "s.code", "l.structure_code")
      .select(["l.id", "l.licence", "l.last_name", "l.first_name", "l.birth_date", "s.name as structure_name"])
      .where("l.id", "=", licenseeId)
      .executeTakeFirst(),
    source
      .selectFrom("licences")
      .select(["season", "status"])
      .where("licensee_id", "=", licenseeId)
      .orderBy("season", "desc")
      .execute(),
    source
      .selectFrom("certifications_held as h")
      .innerJoin("certifications as c", "c.code", "h.certification_code")
      .select(["h.id", "h.certification_code", "c.name", "h.obtained_on", "h.certificate_number"])
      .where("h.licensee_id", "=", licenseeId)
      .orderBy("h.obtained_on", "desc")
      .orderBy("c.sort_order")
      .execute(),
  ]);
  return person ? { person, licences, certifications } : null;
}

/** The sessions whose jury the licensee sits on, latest first: « Mes jurys ». */
export async function listOwnJuries(source: Source, licenseeId: number) {
  return source
    .selectFrom("session_jury as j")
    .innerJoin("exam_sessions as s", "s.id", "j.session_id")
    .innerJoin("organisers as o", "o.id", "s.organiser_id")
    .select([
      "j.id",
      "j.role",
      "s.title",
      "s.certification_code",
      "s.start_date",
      "s.end_date",
      "s.status",
      "o.name as organiser_name",
      "o.code as organiser_code",
    ])
    .where("j.licensee_id", "=", licenseeId)
    .orderBy("s.start_date", "desc")
    .orderBy("s.id", "desc")
    .limit(200)
    .execute();
}
