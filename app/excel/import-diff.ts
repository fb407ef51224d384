/**
 * What "Mettre à jour depuis Excel" would change in a draft: the session as stored and the
 * session as the file describes it, both as plain data, compared person by person (by licensee)
 * and mark by mark (by grid test). Pure: the screen shows the result before anything is written,
 * and the same comparison, made again inside the transaction, drives the writes.
 */
import type { JuryRole } from "../../db/schema";
import { formatMark, type Mark } from "~/domain/marks";
import { JURY_ROLE_LABELS, formatDate, plural } from "~/utils/format";

export interface StatePerson {
  licenseeId: number;
  licence: string;
  /** `Prénom Nom` as the registry spells it. */
  name: string;
}

export interface StateJuryMember extends StatePerson {
  role: JuryRole;
}

export interface StateCandidate extends StatePerson {
  equivalence: string | null;
  /** Keyed by grid test code. */
  marks: Record<string, Mark>;
}

export interface SessionState {
  certificationCode: string;
  place: string;
  startDate: string;
  endDate: string | null;
  jury: StateJuryMember[];
  candidates: StateCandidate[];
}

export interface Change<T> {
  person: T;
  before: string;
  after: string;
}

export interface MarkChange {
  person: StatePerson;
  testCode: string;
  test: string;
  before: string;
  after: string;
}

export interface SessionChanges {
  header: {
    field: "certificationCode" | "place" | "startDate" | "endDate";
    label: string;
    before: string;
    after: string;
  }[];
  candidatesAdded: StateCandidate[];
  candidatesRemoved: StateCandidate[];
  equivalences: Change<StatePerson>[];
  juryAdded: StateJuryMember[];
  juryRemoved: StateJuryMember[];
  juryRoles: Change<StatePerson>[];
  /** Marks of candidates present before and after (set, changed or cleared). */
  marks: MarkChange[];
  /** Marks carried by the candidates added. */
  marksOfAdded: number;
}

const HEADER_LABELS = {
  certificationCode: "Brevet",
  place: "Lieu",
  startDate: "Date de début",
  endDate: "Date de fin",
} as const;

function sameMark(a: Mark | undefined, b: Mark | undefined): boolean {
  if (!a || !b) return !a && !b;
  if ("value" in a) return "value" in b && Math.abs(a.value - b.value) < 1e-9;
  return "code" in b && a.code === b.code;
}

const byName = <T extends StatePerson>(a: T, b: T) =>
  a.name.localeCompare(b.name, "fr") || a.licence.localeCompare(b.licence);

/** `tests`: the grid's tests in order (code and label), to order and name mark changes. */
export function diffSession(
  current: SessionState,
  target: SessionState,
  tests: { code: string; label: string }[] = [],
): SessionChanges {
  const header: SessionChanges["header"] = [];
  for (const field of ["certificationCode", "place", "startDate", "endDate"] as const) {
    const before = current[field] ?? "";
    const after = target[field] ?? "";
    if (before !== after) {
      const show = (v: string) => (field === "startDate" || field === "endDate" ? (v ? formatDate(v) : "—") : v || "—");
      header.push({ field, label: HEADER_LABELS[field], before: show(before), after: show(after) });
    }
  }

  const currentCandidates = new Map(current.candidates.map((c) => [c.licenseeId, c]));
  const targetCandidates = new Map(target.candidates.map((c) => [c.licenseeId, c]));
  const candidatesAdded = target.candidates.filter((c) => !currentCandidates.has(c.licenseeId)).sort(byName);
  const candidatesRemoved = current.candidates.filter((c) => !targetCandidates.has(c.licenseeId)).sort(byName);
  const equivalences: Change<StatePerson>[] = [];
  const marks: MarkChange[] = [];
  const order = tests.length
    ? tests
    : [...new Set(target.candidates.flatMap((c) => Object.keys(c.marks)))].map((code) => ({ code, label: code }));
  for (const after of [...target.candidates].sort(byName)) {
    const before = currentCandidates.get(after.licenseeId);
    if (!before) continue;
    if ((before.equivalence ?? null) !== (after.equivalence ?? null)) {
      equivalences.push({
        person: after,
        before: before.equivalence ?? "aucune",
        after: after.equivalence ?? "aucune",
      });
    }
    const codes = new Set([...Object.keys(before.marks), ...Object.keys(after.marks)]);
    const known = order.filter((t) => codes.has(t.code));
    const unknown = [...codes]
      .filter((code) => !order.some((t) => t.code === code))
      .map((code) => ({ code, label: code }));
    for (const test of [...known, ...unknown]) {
      if (sameMark(before.marks[test.code], after.marks[test.code])) continue;
      marks.push({
        person: after,
        testCode: test.code,
        test: test.label,
        before: formatMark(before.marks[test.code]) || "—",
        after: formatMark(after.marks[test.code]) || "—",
      });
    }
  }

  const currentJury = new Map(current.jury.map((j) => [j.licenseeId, j]));
  const targetJury = new Map(target.jury.map((j) => [j.licenseeId, j]));
  const juryRoles: Change<StatePerson>[] = [];
  for (const after of [...target.jury].sort(byName)) {
    const before = currentJury.get(after.licenseeId);
    if (before && before.role !== after.role) {
      juryRoles.push({ person: after, before: JURY_ROLE_LABELS[before.role], after: JURY_ROLE_LABELS[after.role] });
    }
  }

  return {
    header,
    candidatesAdded,
    candidatesRemoved,
    equivalences,
    juryAdded: target.jury.filter((j) => !currentJury.has(j.licenseeId)).sort(byName),
    juryRemoved: current.jury.filter((j) => !targetJury.has(j.licenseeId)).sort(byName),
    juryRoles,
    marks,
    marksOfAdded: candidatesAdded.reduce((n, c) => n + Object.keys(c.marks).length, 0),
  };
}

export function countChanges(changes: SessionChanges): number {
  return (
    changes.header.length +
    changes.candidatesAdded.length +
    changes.candidatesRemoved.length +
    changes.equivalences.length +
    changes.juryAdded.length +
    changes.juryRemoved.length +
    changes.juryRoles.length +
    changes.marks.length
  );
}

/** One line for the history: `2 candidats ajoutés, 1 retiré, 3 notes modifiées`. */
export function describeChanges(changes: SessionChanges): string {
  const parts: string[] = [];
  if (changes.header.length)
    parts.push(changes.header.map((h) => `${h.label} : « ${h.before} » → « ${h.after} »`).join(", "));
  if (changes.candidatesAdded.length)
    parts.push(plural(changes.candidatesAdded.length, "candidat ajouté", "candidats ajoutés"));
  if (changes.candidatesRemoved.length)
    parts.push(plural(changes.candidatesRemoved.length, "candidat retiré", "candidats retirés"));
  if (changes.equivalences.length)
    parts.push(plural(changes.equivalences.length, "équivalence modifiée", "équivalences modifiées"));
  if (changes.juryAdded.length)
    parts.push(plural(changes.juryAdded.length, "membre du jury ajouté", "membres du jury ajoutés"));
  if (changes.juryRemoved.length)
    parts.push(plural(changes.juryRemoved.length, "membre du jury retiré", "membres du jury retirés"));
  if (changes.juryRoles.length) parts.push(plural(changes.juryRoles.length, "rôle modifié", "rôles modifiés"));
  if (changes.marks.length) parts.push(plural(changes.marks.length, "note modifiée", "notes modifiées"));
  if (changes.marksOfAdded)
    parts.push(plural(changes.marksOfAdded, "note des candidats ajoutés", "notes des candidats ajoutés"));
  return parts.join(", ") || "aucun changement";
}
