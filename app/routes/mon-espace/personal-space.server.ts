/** The juries "Mon espace" lists (identity, licences and brevets: app/licensees/record.server.ts). */
import type { Source } from "~/sessions/source";

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
