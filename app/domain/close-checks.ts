/**
 * The checks run when a session is closed (domain.md §5): plain data in, a verdict out.
 * The caller loads everything in one batch; nothing here reads the database.
 *
 * Decisions (beyond domain.md):
 * - Every date comparison is on the session start date: a licence must cover it, a
 *   certification counts (prerequisite, jury prerogative) only when obtained on or before it.
 * - A candidate "already holds the brevet" when they hold it at all, whatever its date (a
 *   brevet is held once: obtained after this session's start, say in a session closed since,
 *   it could not be awarded again); the row's equivalence never counts as holding it (it
 *   counts toward prerequisites only).
 * - The equivalence message is reported once, even when the code is both unknown and not
 *   listed for an "equivalence only" brevet. An unknown code gives no certification, so the
 *   prerequisites it was meant to cover are reported missing as well.
 * - An "equivalence only" brevet has no prerequisite besides its equivalence.
 * - A prerequisite is met only by the listed codes: holding a higher brevet (N3) does not imply
 *   the lower one (N2); the registry is expected to list every brevet a person holds.
 * - A grid session is one whose brevet has a grid (catalogue gridCode) or whose candidates
 *   carry a grid result; a candidate of such a session with no grid result counts as having
 *   incomplete marks, so nobody is awarded a grid brevet without marks.
 * - A jury prerogative missing from `prerogatives` is held by holding the certification of
 *   the same code (MON-NITROX-C is held by holding MON-NITROX-C).
 * - Membres du jury are never checked and never count as président / délégué.
 * - Every candidate and every président / délégué must be in `people`, and the session's
 *   brevet in `catalogue`: a gap is a bug of the caller and throws.
 */
import type { JuryRole } from "../../db/schema";
import {
  candidateFindings,
  juryFindings,
  MESSAGES,
  type CatalogueCertification,
  type PersonFacts,
  type SessionRules,
} from "./eligibility";
import { mayOrganise, type OrganiserFacts } from "./organiser-rights";

export { MESSAGES, maxAge, minAge, type CatalogueCertification } from "./eligibility";

export interface CloseCheckInput {
  /** YYYY-MM-DD, Europe/Paris. */
  today: string;
  session: { startDate: string; certificationCode: string; organiserId: number; organiser: OrganiserFacts };
  catalogue: Record<string, CatalogueCertification>;
  /** Equivalence code -> certification code it counts as (CMAS-3 -> N3). */
  equivalences: Record<string, string>;
  /** Prerogative -> certifications that grant it (E3 -> ["MF1", "MF2"]). */
  prerogatives: Record<string, string[]>;
  candidates: {
    id: number;
    licenseeId: number;
    equivalenceCode: string | null;
    /** Present only for grid sessions. */
    grid?: { complete: boolean; admitted: boolean };
  }[];
  jury: { id: number; licenseeId: number; role: JuryRole }[];
  people: Record<number, PersonFacts>;
}

export interface CloseVerdict {
  /** No error anywhere. */
  ok: boolean;
  sessionErrors: string[];
  /** In input order; `facts[i]` is the fact behind `errors[i]` in plain words (« 11 ans au 28/11/2026 »). */
  candidates: { id: number; licenseeId: number; errors: string[]; facts: (string | null)[]; awarded: boolean }[];
  /** In input order. */
  jury: { id: number; licenseeId: number; role: JuryRole; errors: string[]; facts: (string | null)[] }[];
  /** Only when ok; empty otherwise. */
  awards: { licenseeId: number; certificationCode: string; obtainedOn: string }[];
}

export function checkClose(input: CloseCheckInput): CloseVerdict {
  const { session } = input;
  const certification = input.catalogue[session.certificationCode];
  if (!certification) throw new Error(`checkClose: certification ${session.certificationCode} is not in the catalogue`);
  const start = session.startDate;
  const person = (licenseeId: number): PersonFacts => {
    const facts = input.people[licenseeId];
    if (!facts) throw new Error(`checkClose: no facts for licensee ${licenseeId}`);
    return facts;
  };
  const rules: SessionRules = {
    startDate: start,
    organiserId: session.organiserId,
    certification,
    equivalences: input.equivalences,
    prerogatives: input.prerogatives,
  };

  const gridSession = certification.gridCode !== null || input.candidates.some((candidate) => candidate.grid);

  const candidates = input.candidates.map((candidate) => {
    const findings = candidateFindings(rules, person(candidate.licenseeId), candidate.equivalenceCode);
    if (gridSession && !candidate.grid?.complete) findings.push({ message: MESSAGES.marksIncomplete, fact: null });
    const errors = findings.map((finding) => finding.message);
    // An "Ajourné" candidate has no error: they are simply not awarded.
    const awarded = errors.length === 0 && (!gridSession || candidate.grid?.admitted === true);
    const facts = findings.map((finding) => finding.fact);
    return { id: candidate.id, licenseeId: candidate.licenseeId, errors, facts, awarded };
  });

  const jury = input.jury.map((member) => {
    const findings = juryFindings(rules, member.role === "membre" ? undefined : person(member.licenseeId), member.role);
    const errors = findings.map((finding) => finding.message);
    const facts = findings.map((finding) => finding.fact);
    return { id: member.id, licenseeId: member.licenseeId, role: member.role, errors, facts };
  });

  const sessionErrors: string[] = [];
  if (input.candidates.length === 0) sessionErrors.push(MESSAGES.noCandidate);
  if (!input.jury.some((member) => member.role !== "membre")) sessionErrors.push(MESSAGES.noPresidentOrDelegate);
  if (start > input.today) sessionErrors.push(MESSAGES.dateInFuture);
  if (!mayOrganise(session.organiser, certification)) sessionErrors.push(MESSAGES.organiserMayNotOrganise);

  const ok =
    sessionErrors.length === 0 &&
    candidates.every((candidate) => candidate.errors.length === 0) &&
    jury.every((member) => member.errors.length === 0);

  const awards = ok
    ? candidates
        .filter((candidate) => candidate.awarded)
        .map((candidate) => ({
          licenseeId: candidate.licenseeId,
          certificationCode: certification.code,
          obtainedOn: start,
        }))
    : [];

  return { ok, sessionErrors, candidates, jury, awards };
}
