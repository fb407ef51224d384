import { lockSessionRow } from "../../db/dialect";
import { sql, type Transaction } from "kysely";
import type { Database, JuryRole } from "../../db/schema";
import { markFromRow, type Mark } from "~/domain/marks";
import type { MarkValue } from "~/excel/spec";
import { recordHistory } from "~/utils/audit.server";
import { JURY_ROLE_LABELS } from "~/utils/format";
import { nowIso } from "~/utils/db.server";
import { inTransaction, type Source } from "./source";
import { compactLicence } from "../../db/normalize";

/** A session's candidates, by name (then licence), with what every screen shows of them. */
export async function listCandidates(source: Source, sessionId: number) {
  return source
    .selectFrom("session_candidates as sc")
    .innerJoin("licensees as l", "l.id", "sc.licensee_id")
    .innerJoin("structures as st", "st.code", "l.structure_code")
    .select([
      "sc.id",
      "sc.licensee_id",
      "l.licence",
      "l.last_name",
      "l.first_name",
      "l.birth_date",
      "st.name as structure_name",
      "sc.equivalence_code",
      "sc.result",
      "sc.result_reasons",
    ])
    .where("sc.session_id", "=", sessionId)
    .orderBy("l.last_name_search")
    .orderBy("l.first_name_search")
    .orderBy("l.licence")
    .execute();
}

/** A session's jury, Président(s) first, then Délégué(s), then Membres du jury, each by name. */
export async function listJury(source: Source, sessionId: number) {
  return source
    .selectFrom("session_jury as sj")
    .innerJoin("licensees as l", "l.id", "sj.licensee_id")
    .select([
      "sj.id",
      "sj.licensee_id",
      "sj.role",
      "l.licence",
      "l.last_name",
      "l.first_name",
      "l.birth_date",
      "l.last_name_search",
      "l.first_name_search",
    ])
    .where("sj.session_id", "=", sessionId)
    .orderBy(sql`case sj.role when 'president' then 0 when 'delegue' then 1 else 2 end`)
    .orderBy("l.last_name_search")
    .orderBy("l.first_name_search")
    .execute();
}

/** A mark as stored: a value, or a code (NP, NF, FAIT, NON_FAIT). */
export type StoredMark = MarkValue;

/** Each candidate's stored marks (by candidate row id), keyed by grid test code. */
export async function listMarks(source: Source, sessionId: number): Promise<Map<number, Record<string, StoredMark>>> {
  const rows = await source
    .selectFrom("marks as m")
    .innerJoin("session_candidates as c", "c.id", "m.candidate_id")
    .innerJoin("grid_tests as t", "t.id", "m.test_id")
    .select(["m.candidate_id", "t.code", "m.value", "m.code as mark_code"])
    .where("c.session_id", "=", sessionId)
    .execute();
  const marks = new Map<number, Record<string, StoredMark>>();
  for (const row of rows) {
    const own = marks.get(row.candidate_id) ?? {};
    own[row.code] = { value: row.value, code: row.mark_code };
    marks.set(row.candidate_id, own);
  }
  return marks;
}

/** The marks of one candidate as the domain reads them (`markFromRow`). */
export function domainMarks(stored: Record<string, StoredMark> | undefined): Record<string, Mark | null> {
  const own: Record<string, Mark | null> = {};
  for (const [code, mark] of Object.entries(stored ?? {})) own[code] = markFromRow(mark);
  return own;
}

export type SessionCandidate = Awaited<ReturnType<typeof listCandidates>>[number];
export type SessionJuryMember = Awaited<ReturnType<typeof listJury>>[number];

export interface SessionPeople {
  candidates: SessionCandidate[];
  jury: SessionJuryMember[];
  marks: Map<number, Record<string, StoredMark>>;
}

/** A session's candidates, jury and marks, in one batch: what the editor, closing, the export and the import read. */
export async function loadSessionPeople(source: Source, sessionId: number): Promise<SessionPeople> {
  const [candidates, jury, marks] = await Promise.all([
    listCandidates(source, sessionId),
    listJury(source, sessionId),
    listMarks(source, sessionId),
  ]);
  return { candidates, jury, marks };
}

export async function listEquivalences(source: Source) {
  return source.selectFrom("equivalences").select(["code", "name", "certification_code"]).orderBy("code").execute();
}

const fullName = (p: { first_name: string; last_name: string }) => `${p.first_name} ${p.last_name}`;

export interface AddOutcome {
  added: string[];
  refused: string[];
}

/** When ticked licensees are not found (any more): the search is to be run again. */
export const missingLicensees = (count: number) =>
  count === 1
    ? "Un des licenciés cochés est introuvable : relancez la recherche."
    : `${count} des licenciés cochés sont introuvables : relancez la recherche.`;

/**
 * Adds licensees to a draft session, as candidates or as jury members, in one transaction.
 * Someone already there is not added twice; nobody is both candidate and jury; a licensee who is
 * not in the registry is not added (each said in French).
 */
export async function addPeople(
  source: Source,
  sessionId: number,
  userId: number,
  licenseeIds: number[],
  as: { kind: "candidate" } | { kind: "jury"; role: JuryRole },
): Promise<AddOutcome> {
  return inTransaction(source, async (trx) => {
    await lockSessionRow(trx, sessionId);
    const people = await trx
      .selectFrom("licensees")
      .select(["id", "licence", "first_name", "last_name"])
      .where("id", "in", licenseeIds)
      .execute();
    const [candidates, jury] = await Promise.all([
      trx.selectFrom("session_candidates").select("licensee_id").where("session_id", "=", sessionId).execute(),
      trx.selectFrom("session_jury").select("licensee_id").where("session_id", "=", sessionId).execute(),
    ]);
    const isCandidate = new Set(candidates.map((c) => c.licensee_id));
    const isJury = new Set(jury.map((j) => j.licensee_id));
    const outcome: AddOutcome = { added: [], refused: [] };
    for (const person of people) {
      const name = fullName(person);
      if (as.kind === "candidate" && isCandidate.has(person.id)) {
        outcome.refused.push(`${name} est déjà candidat dans cette session.`);
      } else if (as.kind === "jury" && isJury.has(person.id)) {
        outcome.refused.push(`${name} fait déjà partie du jury de cette session.`);
      } else if (as.kind === "candidate" && isJury.has(person.id)) {
        outcome.refused.push(
          `${name} fait partie du jury : une même personne ne peut pas être candidat et membre du jury.`,
        );
      } else if (as.kind === "jury" && isCandidate.has(person.id)) {
        outcome.refused.push(`${name} est candidat : une même personne ne peut pas être candidat et membre du jury.`);
      } else {
        if (as.kind === "candidate") {
          await trx
            .insertInto("session_candidates")
            .values({ session_id: sessionId, licensee_id: person.id })
            .execute();
          isCandidate.add(person.id);
        } else {
          await trx
            .insertInto("session_jury")
            .values({ session_id: sessionId, licensee_id: person.id, role: as.role })
            .execute();
          isJury.add(person.id);
        }
        outcome.added.push(name);
        await recordHistory(trx, {
          userId,
          sessionId,
          licenseeId: person.id,
          action: as.kind === "candidate" ? "candidate_added" : "jury_added",
          details:
            as.kind === "candidate"
              ? `${name} (${person.licence})`
              : `${name} (${person.licence}), ${JURY_ROLE_LABELS[as.role]}`,
        });
      }
    }
    // A ticked licensee who is no longer in the registry (removed since the search was shown).
    const missing = new Set(licenseeIds).size - people.length;
    if (missing > 0) outcome.refused.push(missingLicensees(missing));
    if (outcome.added.length > 0) await touch(trx, sessionId, userId);
    return outcome;
  });
}

/** At most this many numbers are read from one paste. */
export const MAX_PASTED_LICENCES = 200;
const LETTERS = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"];

/**
 * The licence numbers of a paste (one per line, or separated by spaces, commas or semicolons), each
 * as typed and in its compact form (`A-16-179240` → `A16179240`); `digits` when typed without its
 * letter (`16179240`); null for what is no licence number.
 */
export function parseLicenceList(text: string): { typed: string; compact: string | null; digits: boolean }[] {
  const seen = new Set<string>();
  const tokens: { typed: string; compact: string | null; digits: boolean }[] = [];
  for (const typed of text.split(/[\s,;]+/).filter(Boolean)) {
    const compact = compactLicence(typed);
    if (seen.has(compact)) continue;
    seen.add(compact);
    const withLetter = /^[A-Z]\d{6,}$/.test(compact);
    const digits = /^\d{6,}$/.test(compact);
    tokens.push({ typed, compact: withLetter || digits ? compact : null, digits });
  }
  return tokens;
}

/**
 * « Ajouter par numéros de licence »: adds every known licence of a paste in one transaction (as
 * `addPeople` would, with the same refusals), and says why each other one was not added.
 */
export async function addByLicences(
  source: Source,
  sessionId: number,
  userId: number,
  text: string,
  as: { kind: "candidate" } | { kind: "jury"; role: JuryRole },
): Promise<AddOutcome> {
  const tokens = parseLicenceList(text);
  const refused: string[] = [];
  if (tokens.length > MAX_PASTED_LICENCES) {
    refused.push(`Seuls les ${MAX_PASTED_LICENCES} premiers numéros ont été lus.`);
    tokens.length = MAX_PASTED_LICENCES;
  }
  return inTransaction(source, async (trx) => {
    const wanted = tokens.flatMap((t) =>
      t.compact === null ? [] : t.digits ? LETTERS.map((letter) => `${letter}${t.compact}`) : [t.compact],
    );
    const found = wanted.length
      ? await trx
          .selectFrom("licensees")
          .select(["id", "licence", "licence_compact"])
          .where("licence_compact", "in", wanted)
          .execute()
      : [];
    const ids: number[] = [];
    for (const token of tokens) {
      if (token.compact === null) {
        refused.push(`« ${token.typed} » n'est pas un numéro de licence.`);
        continue;
      }
      const matches = token.digits
        ? found.filter((f) => f.licence_compact.slice(1) === token.compact)
        : found.filter((f) => f.licence_compact === token.compact);
      if (matches.length === 0) refused.push(`Numéro de licence inconnu : ${token.typed}`);
      else if (matches.length > 1) {
        refused.push(
          `Le numéro ${token.typed} correspond à plusieurs licences (${matches.map((m) => m.licence).join(", ")}) : saisissez-le avec sa lettre.`,
        );
      } else if (!ids.includes(matches[0].id)) ids.push(matches[0].id);
    }
    const outcome = ids.length ? await addPeople(trx, sessionId, userId, ids, as) : { added: [], refused: [] };
    return { added: outcome.added, refused: [...outcome.refused, ...refused] };
  });
}

/** Removes a candidate or a jury member (by row id) from a draft session; false when not found. */
export async function removePerson(
  source: Source,
  sessionId: number,
  userId: number,
  kind: "candidate" | "jury",
  rowId: number,
): Promise<string | null> {
  return inTransaction(source, async (trx) => {
    await lockSessionRow(trx, sessionId);
    const find = (table: "session_candidates" | "session_jury") =>
      trx
        .selectFrom("licensees as l")
        .select(["l.id", "l.licence", "l.first_name", "l.last_name"])
        .where("l.id", "=", (eb) =>
          eb.selectFrom(table).select("licensee_id").where("id", "=", rowId).where("session_id", "=", sessionId),
        )
        .executeTakeFirst();
    const table = kind === "candidate" ? "session_candidates" : "session_jury";
    const row = await find(table);
    if (!row) return null;
    await trx.deleteFrom(table).where("id", "=", rowId).where("session_id", "=", sessionId).execute();
    await recordHistory(trx, {
      userId,
      sessionId,
      licenseeId: row.id,
      action: kind === "candidate" ? "candidate_removed" : "jury_removed",
      details: `${fullName(row)} (${row.licence})`,
    });
    await touch(trx, sessionId, userId);
    return fullName(row);
  });
}

/** Sets (or clears) a candidate's equivalence code; the code must exist in the equivalences table. */
export async function setEquivalence(
  source: Source,
  sessionId: number,
  userId: number,
  candidateId: number,
  code: string | null,
): Promise<{ ok: true; name: string } | { ok: false; message: string }> {
  return inTransaction(source, async (trx) => {
    await lockSessionRow(trx, sessionId);
    if (code) {
      const known = await trx.selectFrom("equivalences").select("code").where("code", "=", code).executeTakeFirst();
      if (!known) return { ok: false, message: `Équivalence inconnue : ${code}` };
    }
    const row = await trx
      .selectFrom("session_candidates as c")
      .innerJoin("licensees as l", "l.id", "c.licensee_id")
      .select(["c.equivalence_code", "l.id", "l.first_name", "l.last_name"])
      .where("c.id", "=", candidateId)
      .where("c.session_id", "=", sessionId)
      .executeTakeFirst();
    if (!row) return { ok: false, message: "Ce candidat ne fait pas partie de la session." };
    if (row.equivalence_code === code) return { ok: true, name: fullName(row) };
    await trx.updateTable("session_candidates").set({ equivalence_code: code }).where("id", "=", candidateId).execute();
    await recordHistory(trx, {
      userId,
      sessionId,
      licenseeId: row.id,
      action: "equivalence_changed",
      details: `${fullName(row)} : équivalence « ${row.equivalence_code ?? "aucune"} » → « ${code ?? "aucune"} »`,
    });
    await touch(trx, sessionId, userId);
    return { ok: true, name: fullName(row) };
  });
}

/** Records who changed the session last, and when (shown in the list). */
export async function touch(trx: Transaction<Database>, sessionId: number, userId: number) {
  await trx
    .updateTable("exam_sessions")
    .set({ updated_at: nowIso(), updated_by: userId })
    .where("id", "=", sessionId)
    .execute();
}
