import type { Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { normalizeSearch } from "../../../db/normalize";
import { recordHistory } from "~/utils/audit.server";
import { nowIso } from "~/utils/db.server";
import { formatDate } from "~/utils/format";

export interface NewSession {
  title: string;
  organiserId: number;
  certificationCode: string;
  place: string;
  startDate: string;
  endDate: string | null;
}

/** The latest version of a certification's exam grid, kept by the session for good. */
export async function latestGridId(trx: Transaction<Database>, certificationCode: string): Promise<number | null> {
  const row = await trx
    .selectFrom("certifications as c")
    .innerJoin("exam_grids as g", "g.code", "c.grid_code")
    .select("g.id")
    .where("c.code", "=", certificationCode)
    .orderBy("g.version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Inserts a draft session and its "created" history line, inside the caller's transaction. */
export async function insertSession(
  trx: Transaction<Database>,
  userId: number,
  input: NewSession,
  history: { action: string; details: string },
): Promise<number> {
  const now = nowIso();
  const inserted = await trx
    .insertInto("exam_sessions")
    .values({
      title: input.title,
      title_search: normalizeSearch(input.title),
      organiser_id: input.organiserId,
      certification_code: input.certificationCode,
      grid_id: await latestGridId(trx, input.certificationCode),
      place: input.place,
      place_search: normalizeSearch(input.place),
      start_date: input.startDate,
      end_date: input.endDate,
      status: "draft",
      created_by: userId,
      created_at: now,
      updated_by: userId,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordHistory(trx, { userId, sessionId: inserted.id, ...history });
  return inserted.id;
}

export function creationDetails(input: NewSession): string {
  const dates = input.endDate ? `du ${formatDate(input.startDate)} au ${formatDate(input.endDate)}` : formatDate(input.startDate);
  return `${input.certificationCode}, ${dates}${input.place ? `, ${input.place}` : ""}`;
}
