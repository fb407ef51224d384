/**
 * Writing what a checked bordereau holds, each time in one transaction:
 * - a new draft session in the current scope (header, jury, candidates with their equivalences,
 *   marks), created through `insertSession` like the form's, its history saying
 *   `importé depuis {fichier}`;
 * - the update of a draft from a file: the differences with the stored session applied
 *   (`import-diff.ts`), refused when the session was closed or changed since the file was
 *   checked.
 * The file is read and checked before (`import-check.server.ts`); nothing here reads it again.
 */
import { lockSessionRow } from "../../db/dialect";
import type { Transaction } from "kysely";
import { markFromRow, markToRow, type Mark } from "~/domain/marks";
import { describeChanges, diffSession, type SessionChanges, type SessionState } from "~/excel/import-diff";
import type { ImportedFile } from "~/excel/read";
import { recordHistory } from "~/utils/audit.server";
import { nowIso } from "~/utils/db.server";
import { JURY_ROLE_LABELS } from "~/utils/format";
import { SESSION_CLOSED_MESSAGE } from "~/utils/scope.server";
import type { Database } from "../../db/schema";
import { insertSession } from "./create.server";
import { selectSession } from "./detail.server";
import type { RegistryLicensee } from "./import-check.server";
import { loadSessionPeople } from "./people.server";
import { CHUNK, inChunks, inTransaction, type Source } from "./source";
import { updateHeader } from "./update.server";

/** Adds candidates to a session; returns each one's new row id by licensee id. */
async function insertCandidates(
  trx: Transaction<Database>,
  sessionId: number,
  candidates: { licenseeId: number; equivalence: string | null }[],
): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  await inChunks(candidates, async (chunk) => {
    const rows = await trx
      .insertInto("session_candidates")
      .values(chunk.map((c) => ({ session_id: sessionId, licensee_id: c.licenseeId, equivalence_code: c.equivalence })))
      .returning(["id", "licensee_id"])
      .execute();
    for (const r of rows) ids.set(r.licensee_id, r.id);
  });
  return ids;
}

const personName = (l: RegistryLicensee) => `${l.firstName} ${l.lastName}`;

/** The session a checked file describes, its people identified by the registry. */
export function stateFromFile(file: ImportedFile, licensees: Map<string, RegistryLicensee>): SessionState {
  const person = (licence: string) => {
    const known = licensees.get(licence);
    if (!known) throw new Error(`Licence ${licence} not checked.`);
    return { licenseeId: known.id, licence: known.licence, name: personName(known) };
  };
  return {
    certificationCode: file.header.certificationCode!,
    place: file.header.place,
    startDate: file.header.startDate!,
    endDate: file.header.endDate,
    jury: file.jury.map((j) => ({ ...person(j.licence), role: j.role })),
    candidates: file.candidates.map((c) => ({ ...person(c.licence), equivalence: c.equivalence, marks: c.marks })),
  };
}

/** Test code → test id of a grid; throws on a code the grid does not have (the reader never produces one). */
async function testIds(trx: Transaction<Database>, gridId: number | null): Promise<Map<string, number>> {
  if (gridId === null) return new Map();
  const tests = await trx.selectFrom("grid_tests").select(["id", "code"]).where("grid_id", "=", gridId).execute();
  return new Map(tests.map((t) => [t.code, t.id]));
}

function markRows(candidateId: number, marks: Record<string, Mark>, tests: Map<string, number>) {
  return Object.entries(marks).map(([code, mark]) => {
    const testId = tests.get(code);
    if (testId === undefined) throw new Error(`Test ${code} is not on the session's grid.`);
    return { candidate_id: candidateId, test_id: testId, ...markToRow(mark) };
  });
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export interface NewImport {
  userId: number;
  organiserId: number;
  title: string;
  fileName: string;
  file: ImportedFile;
  licensees: Map<string, RegistryLicensee>;
  /** The key of the signed field imported (`confirmationKey`), recorded so that it creates one session only. */
  confirmation?: string;
}

/** The signed field was imported already (perhaps by another post at the same moment): nothing was written. */
export class AlreadyImported extends Error {
  constructor() {
    super("This checked file was imported already.");
  }
}

/**
 * Creates the draft session a checked file describes, in one transaction; returns its id.
 * With a confirmation, records it in that transaction: when it is there already, throws
 * `AlreadyImported` and the transaction writes nothing.
 */
export async function createImportedSession(source: Source, input: NewImport): Promise<number> {
  const state = stateFromFile(input.file, input.licensees);
  const markCount = state.candidates.reduce((n, c) => n + Object.keys(c.marks).length, 0);
  const details =
    `importé depuis ${input.fileName} : ${plural(state.candidates.length, "candidat", "candidats")}, ` +
    `${plural(state.jury.length, "membre du jury", "membres du jury")}` +
    (input.file.resolved.grid ? `, ${plural(markCount, "note", "notes")}` : "");
  return inTransaction(source, async (trx) => {
    const { id: sessionId, gridId } = await insertSession(
      trx,
      input.userId,
      {
        title: input.title,
        organiserId: input.organiserId,
        certificationCode: state.certificationCode,
        place: state.place,
        startDate: state.startDate,
        endDate: state.endDate,
      },
      { action: "session_imported", details },
    );
    if (input.confirmation !== undefined) {
      // The primary key decides between two posts of the same field, whichever process runs them.
      const recorded = await trx
        .insertInto("import_confirmations")
        .values({ token_digest: input.confirmation, session_id: sessionId, created_at: nowIso() })
        .onConflict((oc) => oc.column("token_digest").doNothing())
        .executeTakeFirst();
      if (Number(recorded.numInsertedOrUpdatedRows) !== 1) throw new AlreadyImported();
    }
    if ((gridId ?? null) !== (input.file.resolved.grid?.id ?? null)) {
      throw new Error(`The session's grid ${gridId} is not the file's ${input.file.resolved.grid?.id}.`);
    }
    await inChunks(state.jury, (chunk) =>
      trx
        .insertInto("session_jury")
        .values(chunk.map((j) => ({ session_id: sessionId, licensee_id: j.licenseeId, role: j.role })))
        .execute(),
    );
    const tests = await testIds(trx, gridId);
    const candidateIds = await insertCandidates(trx, sessionId, state.candidates);
    const marks = state.candidates.flatMap((c) => markRows(candidateIds.get(c.licenseeId)!, c.marks, tests));
    await inChunks(marks, (chunk) => trx.insertInto("marks").values(chunk).execute());
    return sessionId;
  });
}

export interface StoredSession {
  state: SessionState;
  status: "draft" | "closed";
  version: number;
  updatedAt: string;
  gridId: number | null;
  organiserId: number;
}

/** A session as `SessionState` (people by licensee, marks by test code), with what guards an update. */
export async function loadSessionState(source: Source, sessionId: number): Promise<StoredSession | null> {
  const session = await selectSession(source, sessionId).executeTakeFirst();
  if (!session) return null;
  const { jury, candidates, marks } = await loadSessionPeople(source, sessionId);
  const marksOf = new Map<number, Record<string, Mark>>();
  for (const [candidateId, stored] of marks) {
    const own: Record<string, Mark> = {};
    for (const [code, row] of Object.entries(stored)) {
      const mark = markFromRow(row);
      if (mark) own[code] = mark;
    }
    marksOf.set(candidateId, own);
  }
  return {
    status: session.status,
    version: session.version,
    updatedAt: session.updated_at,
    gridId: session.grid_id,
    organiserId: session.organiser_id,
    state: {
      certificationCode: session.certification_code,
      place: session.place,
      startDate: session.start_date,
      endDate: session.end_date,
      jury: jury.map((j) => ({
        licenseeId: j.licensee_id,
        licence: j.licence,
        name: `${j.first_name} ${j.last_name}`,
        role: j.role,
      })),
      candidates: candidates.map((c) => ({
        licenseeId: c.licensee_id,
        licence: c.licence,
        name: `${c.first_name} ${c.last_name}`,
        equivalence: c.equivalence_code,
        marks: marksOf.get(c.id) ?? {},
      })),
    },
  };
}

export interface SessionUpdate {
  sessionId: number;
  userId: number;
  fileName: string;
  target: SessionState;
  /** The session as it was when the file was checked: any change since refuses the update. */
  seen: { version: number; updatedAt: string };
}

export const CHANGED_SINCE_CHECK =
  "La session a été modifiée depuis la vérification du fichier : rien n'a été appliqué. Importez de nouveau le fichier pour voir les changements à jour.";

export type UpdateResult = { ok: true; changes: SessionChanges } | { ok: false; status: 409; message: string };

/** Applies a checked file to a draft, in one transaction, with its history. */
export async function applySessionUpdate(source: Source, update: SessionUpdate): Promise<UpdateResult> {
  return inTransaction(source, async (trx): Promise<UpdateResult> => {
    await lockSessionRow(trx, update.sessionId);
    const stored = await loadSessionState(trx, update.sessionId);
    if (!stored) return { ok: false, status: 409, message: CHANGED_SINCE_CHECK };
    if (stored.status === "closed") return { ok: false, status: 409, message: SESSION_CLOSED_MESSAGE };
    if (stored.version !== update.seen.version || stored.updatedAt !== update.seen.updatedAt) {
      return { ok: false, status: 409, message: CHANGED_SINCE_CHECK };
    }
    const { sessionId, userId, target } = update;
    const tests = await testIds(trx, stored.gridId);
    const gridTests =
      stored.gridId === null
        ? []
        : await trx
            .selectFrom("grid_tests")
            .select(["code", "label"])
            .where("grid_id", "=", stored.gridId)
            .orderBy("sort_order")
            .execute();
    const changes = diffSession(stored.state, target, gridTests);
    const history = (action: string, licenseeId: number | null, details: string) =>
      recordHistory(trx, { userId, sessionId, licenseeId, action, details });

    const updated = await updateHeader(trx, sessionId, userId, stored.version, {
      certification_code: target.certificationCode,
      place: target.place,
      start_date: target.startDate,
      end_date: target.endDate,
    });
    if (!updated) return { ok: false, status: 409, message: CHANGED_SINCE_CHECK };

    // Jury.
    const removedJury = changes.juryRemoved.map((j) => j.licenseeId);
    if (removedJury.length) {
      await trx
        .deleteFrom("session_jury")
        .where("session_id", "=", sessionId)
        .where("licensee_id", "in", removedJury)
        .execute();
    }
    await inChunks(changes.juryAdded, (chunk) =>
      trx
        .insertInto("session_jury")
        .values(chunk.map((j) => ({ session_id: sessionId, licensee_id: j.licenseeId, role: j.role })))
        .execute(),
    );
    const targetRole = new Map(target.jury.map((j) => [j.licenseeId, j.role]));
    for (const change of changes.juryRoles) {
      await trx
        .updateTable("session_jury")
        .set({ role: targetRole.get(change.person.licenseeId)! })
        .where("session_id", "=", sessionId)
        .where("licensee_id", "=", change.person.licenseeId)
        .execute();
    }

    // Candidates (their marks go with them: `marks` cascades on delete).
    const removed = changes.candidatesRemoved.map((c) => c.licenseeId);
    for (let i = 0; i < removed.length; i += CHUNK) {
      await trx
        .deleteFrom("session_candidates")
        .where("session_id", "=", sessionId)
        .where("licensee_id", "in", removed.slice(i, i + CHUNK))
        .execute();
    }
    const candidateIds = await insertCandidates(trx, sessionId, changes.candidatesAdded);
    const targetEquivalence = new Map(target.candidates.map((c) => [c.licenseeId, c.equivalence]));
    for (const change of changes.equivalences) {
      await trx
        .updateTable("session_candidates")
        .set({ equivalence_code: targetEquivalence.get(change.person.licenseeId) ?? null })
        .where("session_id", "=", sessionId)
        .where("licensee_id", "=", change.person.licenseeId)
        .execute();
    }

    // Marks: the added candidates' marks, and for the others each changed (or cleared) mark.
    const targetCandidates = new Map(target.candidates.map((c) => [c.licenseeId, c]));
    const newMarks = changes.candidatesAdded.flatMap((c) => markRows(candidateIds.get(c.licenseeId)!, c.marks, tests));
    if (changes.marks.length) {
      const kept = await trx
        .selectFrom("session_candidates")
        .select(["id", "licensee_id"])
        .where("session_id", "=", sessionId)
        .where("licensee_id", "in", [...new Set(changes.marks.map((m) => m.person.licenseeId))])
        .execute();
      const idOf = new Map(kept.map((k) => [k.licensee_id, k.id]));
      for (const change of changes.marks) {
        const candidateId = idOf.get(change.person.licenseeId)!;
        const testId = tests.get(change.testCode);
        if (testId === undefined) throw new Error(`Test ${change.testCode} is not on the session's grid.`);
        await trx.deleteFrom("marks").where("candidate_id", "=", candidateId).where("test_id", "=", testId).execute();
        const mark = targetCandidates.get(change.person.licenseeId)!.marks[change.testCode];
        if (mark) newMarks.push({ candidate_id: candidateId, test_id: testId, ...markToRow(mark) });
      }
    }
    await inChunks(newMarks, (chunk) => trx.insertInto("marks").values(chunk).execute());

    // History: one line per person added or removed, then the summary.
    for (const c of changes.candidatesAdded) await history("candidate_added", c.licenseeId, `${c.name} (${c.licence})`);
    for (const c of changes.candidatesRemoved)
      await history("candidate_removed", c.licenseeId, `${c.name} (${c.licence})`);
    for (const e of changes.equivalences) {
      await history(
        "equivalence_changed",
        e.person.licenseeId,
        `${e.person.name} : équivalence « ${e.before} » → « ${e.after} »`,
      );
    }
    for (const j of changes.juryAdded)
      await history("jury_added", j.licenseeId, `${j.name} (${j.licence}), ${JURY_ROLE_LABELS[j.role]}`);
    for (const j of changes.juryRemoved) await history("jury_removed", j.licenseeId, `${j.name} (${j.licence})`);
    await history("session_updated", null, `mis à jour depuis ${update.fileName} : ${describeChanges(changes)}`);
    return { ok: true, changes };
  });
}
