import { sql, type RawBuilder } from "kysely";
import { lockCertificateSeries, lockSessionRow, prefixRange } from "../../db/dialect";
import type { JuryRole } from "../../db/schema";
import { checkClose, type CloseVerdict } from "~/domain/close-checks";
import { candidateSummary, jurySummary, type PersonFacts, type SessionRules } from "~/domain/eligibility";
import { todayInParis } from "~/domain/dates";
import { computeResult, type GridResult } from "~/domain/grid";
import { recordHistory } from "~/utils/audit.server";
import { isClosedSessionError, nowIso } from "~/utils/db.server";
import { sessionCredits } from "./partial-credit.server";
import { domainMarks, loadSessionPeople } from "./people.server";
import { loadGrid, loadReference, readOrganiserFacts } from "./reference.server";
import { inChunks, inTransaction, type Source } from "./source";
import { plural } from "~/utils/format";

export interface PersonLine {
  licence: string;
  lastName: string;
  firstName: string;
}

/** What "Vérifier" and "Clôturer" show: the verdict, with names, grouped by person. */
export interface CloseReport {
  verdict: CloseVerdict;
  certificationCode: string;
  certificationName: string;
  candidates: (CloseVerdict["candidates"][number] & PersonLine & { grid: GridResult | null; summary: string[] })[];
  jury: (CloseVerdict["jury"][number] & PersonLine & { summary: string[] })[];
}

/**
 * What the rules read of each person (licences, certifications held, authorisations given), in one
 * batch of three queries, keyed by licensee id.
 */
export async function loadPersonFacts(
  source: Source,
  persons: { licensee_id: number; birth_date: string }[],
): Promise<Record<number, PersonFacts>> {
  const ids = [...new Set(persons.map((p) => p.licensee_id))];
  const people: Record<number, PersonFacts> = {};
  if (ids.length === 0) return people;
  const [licences, held, authorisations] = await Promise.all([
    source.selectFrom("licences").select(["licensee_id", "season", "status"]).where("licensee_id", "in", ids).execute(),
    source
      .selectFrom("certifications_held")
      .select(["licensee_id", "certification_code", "obtained_on"])
      .where("licensee_id", "in", ids)
      .execute(),
    source
      .selectFrom("authorisations")
      .select(["licensee_id", "organiser_id"])
      .where("licensee_id", "in", ids)
      .execute(),
  ]);
  for (const person of persons) {
    people[person.licensee_id] = {
      birthDate: person.birth_date,
      licences: licences.filter((l) => l.licensee_id === person.licensee_id),
      certifications: held
        .filter((h) => h.licensee_id === person.licensee_id)
        .map((h) => ({ code: h.certification_code, obtainedOn: h.obtained_on })),
      authorisedOrganiserIds: authorisations
        .filter((a) => a.licensee_id === person.licensee_id)
        .map((a) => a.organiser_id),
    };
  }
  return people;
}

/** The session row closing reads, once, and its organiser: what the checks need and what guards the close. */
async function readClosingSession(source: Source, sessionId: number) {
  const session = await source
    .selectFrom("exam_sessions")
    .select(["status", "start_date", "certification_code", "organiser_id", "grid_id"])
    .where("id", "=", sessionId)
    .executeTakeFirstOrThrow();
  const organiser = await readOrganiserFacts(source, session.organiser_id);
  if (!organiser) throw new Error(`organiser ${session.organiser_id} of session ${sessionId} not found`);
  return { ...session, organiser };
}

type ClosingSession = Awaited<ReturnType<typeof readClosingSession>>;

/** Loads everything the close checks need, in one batch of queries, and runs them. */
export async function buildCloseReport(
  source: Source,
  sessionId: number,
  today = todayInParis(),
): Promise<CloseReport> {
  return reportFor(source, sessionId, await readClosingSession(source, sessionId), today);
}

async function reportFor(
  source: Source,
  sessionId: number,
  session: ClosingSession,
  today: string,
): Promise<CloseReport> {
  const [reference, { candidates, jury, marks }] = await Promise.all([
    loadReference(source),
    loadSessionPeople(source, sessionId),
  ]);
  const people = await loadPersonFacts(source, [...candidates, ...jury]);

  const grid = session.grid_id === null ? null : await loadGrid(source, session.grid_id);
  const gridResults = new Map<number, GridResult>();
  if (grid) {
    const credits = await sessionCredits(source, sessionId, session, grid, candidates);
    for (const candidate of candidates) {
      const own = domainMarks(marks.get(candidate.id));
      const exempt = credits.get(candidate.licensee_id)?.exempt ?? [];
      gridResults.set(candidate.id, computeResult(grid, own, { firstExamDay: session.start_date, exempt }));
    }
  }

  const verdict = checkClose({
    today,
    session: {
      startDate: session.start_date,
      certificationCode: session.certification_code,
      organiserId: session.organiser_id,
      organiser: session.organiser,
    },
    catalogue: reference.catalogue,
    equivalences: reference.equivalences,
    prerogatives: reference.prerogatives,
    candidates: candidates.map((c) => {
      const result = gridResults.get(c.id);
      return {
        id: c.id,
        licenseeId: c.licensee_id,
        equivalenceCode: c.equivalence_code,
        ...(grid ? { grid: { complete: result?.complete ?? false, admitted: result?.result === "admis" } } : {}),
      };
    }),
    jury: jury.map((j) => ({ id: j.id, licenseeId: j.licensee_id, role: j.role as JuryRole })),
    people,
  });

  const line = (p: { licence: string; last_name: string; first_name: string }): PersonLine => ({
    licence: p.licence,
    lastName: p.last_name,
    firstName: p.first_name,
  });
  const certification = reference.catalogue[session.certification_code];
  const rules: SessionRules = {
    startDate: session.start_date,
    organiserId: session.organiser_id,
    certification,
    equivalences: reference.equivalences,
    prerogatives: reference.prerogatives,
  };
  return {
    verdict,
    certificationCode: session.certification_code,
    certificationName: reference.catalogue[session.certification_code]?.name ?? session.certification_code,
    candidates: verdict.candidates.map((v) => {
      const person = candidates.find((c) => c.id === v.id)!;
      const summary = candidateSummary(rules, people[v.licenseeId]);
      return { ...v, ...line(person), grid: gridResults.get(v.id) ?? null, summary };
    }),
    jury: verdict.jury.map((v) => ({
      ...v,
      ...line(jury.find((j) => j.id === v.id)!),
      summary: jurySummary(rules, people[v.licenseeId]),
    })),
  };
}

export type CloseOutcome =
  | { status: "closed"; awarded: number }
  | { status: "refused"; report: CloseReport }
  | { status: "already_closed" };

/**
 * Closes a session in one transaction: reload, check, write each candidate's result and the
 * certifications awarded, then flip the status with a conditional update (draft → closed).
 * Any error, or a concurrent close that got there first, leaves everything as it was.
 */
export async function closeSession(
  source: Source,
  sessionId: number,
  userId: number,
  today = todayInParis(),
): Promise<CloseOutcome> {
  try {
    return await inTransaction(source, async (trx) => {
      // Several server processes: a second closing of this session waits here, then reads it closed.
      await lockSessionRow(trx, sessionId);
      const session = await readClosingSession(trx, sessionId);
      if (session.status === "closed") return { status: "already_closed" } as const;
      const report = await reportFor(trx, sessionId, session, today);
      if (!report.verdict.ok) return { status: "refused", report } as const;

      const year = session.start_date.slice(0, 4);
      const prefix = `${session.certification_code}-${year}-`;
      // Another brevet's session of the same year being closed at once waits here, then reads its numbers.
      await lockCertificateSeries(trx, prefix);
      const [low, high] = prefixRange(prefix);
      const last = await trx
        .selectFrom("certifications_held")
        .select("certificate_number")
        .where("certificate_number", ">=", low)
        .where("certificate_number", "<", high)
        .orderBy("certificate_number", "desc")
        .limit(1)
        .executeTakeFirst();
      let next = last?.certificate_number ? Number(last.certificate_number.slice(prefix.length)) + 1 : 1;
      const now = nowIso();

      // A few statements, not one per candidate and one per award (each a round trip on PostgreSQL).
      await inChunks(report.candidates, (chunk) =>
        trx
          .updateTable("session_candidates")
          .set({
            result: byId(chunk.map((c) => [c.id, c.awarded ? "admis" : "ajourne"])),
            result_reasons: byId(
              chunk.map((c) => [c.id, c.grid && !c.awarded ? c.grid.reasons.join(" ; ") || null : null]),
            ),
          })
          .where(
            "id",
            "in",
            chunk.map((c) => c.id),
          )
          .execute(),
      );
      const awards = report.verdict.awards.map((award) => ({
        licensee_id: award.licenseeId,
        certification_code: award.certificationCode,
        obtained_on: award.obtainedOn,
        session_id: sessionId,
        certificate_number: `${prefix}${String(next++).padStart(6, "0")}`,
        created_at: now,
      }));
      await inChunks(awards, (chunk) => trx.insertInto("certifications_held").values(chunk).execute());
      const flipped = await trx
        .updateTable("exam_sessions")
        .set({ status: "closed", closed_by: userId, closed_at: now, updated_by: userId, updated_at: now })
        .where("id", "=", sessionId)
        .where("status", "=", "draft")
        .executeTakeFirst();
      if (Number(flipped.numUpdatedRows) !== 1) throw new AlreadyClosed();
      const awarded = report.verdict.awards.length;
      await recordHistory(trx, {
        userId,
        sessionId,
        action: "session_closed",
        details: `${plural(awarded, "brevet", "brevets")} ${report.certificationCode} ${awarded > 1 ? "attribués" : "attribué"} sur ${plural(report.candidates.length, "candidat", "candidats")}`,
      });
      return { status: "closed", awarded } as const;
    });
  } catch (error) {
    if (error instanceof AlreadyClosed || isClosedSessionError(error)) return { status: "already_closed" };
    throw error;
  }
}

class AlreadyClosed extends Error {}

/** `case id when … then … end`: each row's own value, in one update of many rows. */
function byId<T extends string | null>(values: [number, T][]): RawBuilder<T> {
  return sql<T>`case ${sql.ref("id")} ${sql.join(
    values.map(([id, value]) => sql`when ${id} then ${value}`),
    sql` `,
  )} end`;
}

/** The certifications a closed session awarded, with their numbers. */
export async function listAwards(source: Source, sessionId: number) {
  return source
    .selectFrom("certifications_held as h")
    .innerJoin("licensees as l", "l.id", "h.licensee_id")
    .select([
      "h.id",
      "h.licensee_id",
      "h.certificate_number",
      "h.obtained_on",
      "l.licence",
      "l.last_name",
      "l.first_name",
    ])
    .where("h.session_id", "=", sessionId)
    .orderBy("h.certificate_number")
    .execute();
}
