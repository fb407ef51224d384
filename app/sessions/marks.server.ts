import { lockSessionRow } from "../../db/dialect";
import type { Grid } from "~/domain/grid";
import { markToRow, type Mark } from "~/domain/marks";
import { recordHistory } from "~/utils/audit.server";
import { sessionCredits, type KeptCredit } from "./partial-credit.server";
import { loadSessionPeople, touch, type SessionCandidate, type StoredMark } from "./people.server";
import { loadGrid } from "./reference.server";
import { inChunks, inTransaction, type Source } from "./source";
import { plural } from "~/utils/format";

/** One cell of the marks table: a candidate's mark (or none) for a grid test. */
export interface MarkEntry {
  candidateId: number;
  testId: number;
  mark: Mark | null;
}

export interface MarkSheet {
  grid: Grid;
  startDate: string;
  certificationCode: string;
  candidates: SessionCandidate[];
  /** Stored marks, by candidate row id. */
  marks: Map<number, Record<string, StoredMark>>;
  /** Per candidate row: the parts kept from an earlier session (GP-N4), and the tests they cover. */
  credits: Record<number, KeptCredit | null>;
}

/** What the marks tab works on; null when the session is not marked on a grid. */
export async function loadMarkSheet(source: Source, sessionId: number): Promise<MarkSheet | null> {
  const row = await source
    .selectFrom("exam_sessions")
    .select(["grid_id", "start_date", "certification_code"])
    .where("id", "=", sessionId)
    .executeTakeFirstOrThrow();
  if (row.grid_id === null) return null;
  const [grid, { candidates, marks }] = await Promise.all([
    loadGrid(source, row.grid_id),
    loadSessionPeople(source, sessionId),
  ]);
  const credits = await sessionCredits(source, sessionId, row, grid, candidates);
  return {
    grid,
    startDate: row.start_date,
    certificationCode: row.certification_code,
    candidates,
    marks,
    credits: Object.fromEntries(candidates.map((c) => [c.id, credits.get(c.licensee_id) ?? null])),
  };
}

/** Replaces the session's marks with the table's, in one transaction. */
export async function saveMarks(
  source: Source,
  sessionId: number,
  userId: number,
  marks: MarkEntry[],
): Promise<number> {
  return inTransaction(source, async (trx) => {
    await lockSessionRow(trx, sessionId);
    const candidateIds = [...new Set(marks.map((m) => m.candidateId))];
    if (candidateIds.length === 0) return 0;
    await trx.deleteFrom("marks").where("candidate_id", "in", candidateIds).execute();
    const rows = marks
      .filter((m): m is { candidateId: number; testId: number; mark: Mark } => m.mark !== null)
      .map((m) => ({ candidate_id: m.candidateId, test_id: m.testId, ...markToRow(m.mark) }));
    await inChunks(rows, (chunk) => trx.insertInto("marks").values(chunk).execute());
    await touch(trx, sessionId, userId);
    await recordHistory(trx, {
      userId,
      sessionId,
      action: "marks_saved",
      details: `${plural(rows.length, "note enregistrée", "notes enregistrées")} pour ${plural(candidateIds.length, "candidat", "candidats")}`,
    });
    return rows.length;
  });
}
