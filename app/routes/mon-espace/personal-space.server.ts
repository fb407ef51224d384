/** The juries "Mon espace" lists (identity, licences and brevets: app/licensees/record.server.ts). */
import { fromSessions, withColumns } from "~/sessions/list-query.server";
import type { Source } from "~/sessions/source";

/** The sessions whose jury the licensee sits on, latest first, as rows of the list with the role held: « Mes jurys ». */
export async function listOwnJuries(source: Source, licenseeId: number) {
  return withColumns(fromSessions(source))
    .innerJoin("session_jury as j", "j.session_id", "s.id")
    .select(["j.role", "o.code as organiser_code"])
    .where("j.licensee_id", "=", licenseeId)
    .orderBy("s.start_date", "desc")
    .orderBy("s.id", "desc")
    .limit(200)
    .execute();
}
