import { computeResult, exemptTestCodes, keptPartsStillValid, type Grid } from "~/domain/grid";
import { markFromRow, type Mark } from "~/domain/marks";
import { loadGrid } from "./reference.server";
import type { Source } from "./source";

export interface KeptCredit {
  /** Part codes still kept (`1+2`, `3`). */
  parts: string[];
  labels: string[];
  /** The last day they count. */
  until: string;
  /** Grid test codes the candidate does not sit again. */
  exempt: string[];
}

/** The parts each candidate of a session keeps from earlier ones (by licensee id), on its first exam day. */
export function sessionCredits(
  source: Source,
  sessionId: number,
  session: { certification_code: string; start_date: string },
  grid: Grid,
  candidates: { licensee_id: number }[],
): Promise<Map<number, KeptCredit>> {
  const licenseeIds = candidates.map((c) => c.licensee_id);
  return keptCredits(source, grid, session.certification_code, licenseeIds, session.start_date, sessionId);
}

/**
 * GP-N4 partial credit (domain.md §7) carried into a later session: for each licensee, the parts
 * kept by an earlier closed session of the same brevet where they were "Ajourné", still valid on
 * `day` (9 months from that session's first exam day, at most two later sessions). Derived from
 * the earlier session's stored marks, which never change once it is closed.
 */
export async function keptCredits(
  source: Source,
  grid: Grid,
  certificationCode: string,
  licenseeIds: number[],
  day: string,
  excludeSessionId: number,
): Promise<Map<number, KeptCredit>> {
  const credits = new Map<number, KeptCredit>();
  const rules = grid.partialCredit;
  if (!rules || licenseeIds.length === 0) return credits;
  const earlier = await source
    .selectFrom("session_candidates as c")
    .innerJoin("exam_sessions as s", "s.id", "c.session_id")
    .select(["c.id", "c.licensee_id", "c.result", "s.id as session_id", "s.start_date", "s.grid_id"])
    .where("s.status", "=", "closed")
    .where("s.certification_code", "=", certificationCode)
    .where("s.start_date", "<", day)
    .where("s.id", "!=", excludeSessionId)
    .where("c.licensee_id", "in", licenseeIds)
    .orderBy("s.start_date")
    .execute();
  if (earlier.length === 0) return credits;
  const marks = await source
    .selectFrom("marks as m")
    .innerJoin("grid_tests as t", "t.id", "m.test_id")
    .select(["m.candidate_id", "t.code", "m.value", "m.code as mark_code"])
    .where(
      "m.candidate_id",
      "in",
      earlier
        .filter((e) => e.result === "ajourne")
        .map((e) => e.id)
        .concat(-1),
    )
    .execute();

  for (const licenseeId of licenseeIds) {
    const own = earlier.filter((e) => e.licensee_id === licenseeId);
    const kept: { part: string; label: string; until: string; sessionsUsed: number }[] = [];
    for (const [index, sitting] of own.entries()) {
      if (sitting.result !== "ajourne" || sitting.grid_id === null) continue;
      const sittingGrid = await loadGrid(source, sitting.grid_id);
      const sittingMarks: Record<string, Mark | null> = {};
      for (const m of marks.filter((m) => m.candidate_id === sitting.id)) {
        sittingMarks[m.code] = markFromRow({ value: m.value, code: m.mark_code });
      }
      const result = computeResult(sittingGrid, sittingMarks, { firstExamDay: sitting.start_date });
      const sessionsUsed = own.length - index - 1;
      for (const part of result.kept) kept.push({ ...part, sessionsUsed });
    }
    const valid = keptPartsStillValid(kept, day, rules.maxLaterSessions);
    if (valid.length === 0) continue;
    const parts = [...new Set(valid)];
    const latest = (code: string) =>
      kept.filter((k) => k.part === code).sort((a, b) => b.until.localeCompare(a.until))[0];
    credits.set(licenseeId, {
      parts,
      labels: parts.map((code) => latest(code).label),
      until: parts.map((code) => latest(code).until).sort()[0],
      exempt: exemptTestCodes(grid, parts),
    });
  }
  return credits;
}
