import { recordHistory } from "~/utils/audit.server";
import { nowIso } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { normalizeSearch } from "../../db/normalize";
import { inTransaction, type Source } from "./source";

export interface NewSession {
  title: string;
  organiserId: number;
  certificationCode: string;
  place: string;
  startDate: string;
  endDate: string | null;
}

/** The latest version of a certification's exam grid, kept by the session for good. */
export async function latestGridId(source: Source, certificationCode: string): Promise<number | null> {
  const row = await source
    .selectFrom("certifications as c")
    .innerJoin("exam_grids as g", "g.code", "c.grid_code")
    .select("g.id")
    .where("c.code", "=", certificationCode)
    .orderBy("g.version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Inserts a draft session and its "created" history line, inside the caller's transaction; returns its id and grid. */
export async function insertSession(
  trx: Source,
  userId: number,
  input: NewSession,
  history: { action: string; details: string },
): Promise<{ id: number; gridId: number | null }> {
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
    .returning(["id", "grid_id"])
    .executeTakeFirstOrThrow();
  await recordHistory(trx, { userId, sessionId: inserted.id, ...history });
  return { id: inserted.id, gridId: inserted.grid_id };
}

export function creationDetails(input: NewSession): string {
  const dates = input.endDate
    ? `du ${formatDate(input.startDate)} au ${formatDate(input.endDate)}`
    : formatDate(input.startDate);
  return `${input.certificationCode}, ${dates}${input.place ? `, ${input.place}` : ""}`;
}

/** Creates a draft session from the form, in one transaction; returns its id. */
export async function createSession(source: Source, userId: number, input: NewSession): Promise<number> {
  const created = await inTransaction(source, (trx) =>
    insertSession(trx, userId, input, { action: "session_created", details: creationDetails(input) }),
  );
  return created.id;
}
