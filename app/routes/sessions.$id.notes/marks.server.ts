import { markFromRow, markToRow, type Mark } from "~/domain/marks";
import { recordHistory } from "~/utils/audit.server";
import { db, nowIso } from "~/utils/db.server";
import type { MarksSubmission } from "./marks-form";

/** Each candidate's marks, keyed by test code. */
export async function loadMarks(sessionId: number): Promise<Record<number, Record<string, Mark | null>>> {
  const rows = await db
    .selectFrom("marks as m")
    .innerJoin("session_candidates as c", "c.id", "m.candidate_id")
    .innerJoin("grid_tests as t", "t.id", "m.test_id")
    .select(["m.candidate_id", "t.code", "m.value", "m.code as mark_code"])
    .where("c.session_id", "=", sessionId)
    .execute();
  const marks: Record<number, Record<string, Mark | null>> = {};
  for (const row of rows) {
    (marks[row.candidate_id] ??= {})[row.code] = markFromRow({ value: row.value, code: row.mark_code });
  }
  return marks;
}

/** Replaces the session's marks with the table's, in one transaction. */
export async function saveMarks(sessionId: number, userId: number, marks: MarksSubmission["marks"]): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const candidateIds = [...new Set(marks.map((m) => m.candidateId))];
    if (candidateIds.length === 0) return 0;
    await trx.deleteFrom("marks").where("candidate_id", "in", candidateIds).execute();
    const rows = marks
      .filter((m): m is { candidateId: number; testId: number; mark: Mark } => m.mark !== null)
      .map((m) => ({ candidate_id: m.candidateId, test_id: m.testId, ...markToRow(m.mark) }));
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto("marks").values(rows.slice(i, i + 500)).execute();
    await trx.updateTable("exam_sessions").set({ updated_at: nowIso(), updated_by: userId }).where("id", "=", sessionId).execute();
    await recordHistory(trx, {
      userId,
      sessionId,
      action: "marks_saved",
      details: `${rows.length} note${rows.length > 1 ? "s" : ""} enregistrée${rows.length > 1 ? "s" : ""} pour ${candidateIds.length} candidat${candidateIds.length > 1 ? "s" : ""}`,
    });
    return rows.length;
  });
}
