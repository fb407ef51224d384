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
import type { JuryRole, OrganiserLevel } from "../../db/schema";
import { ageOn } from "./age";
import { hasValidLicence, type LicenceFacts } from "./licence";
import { mayOrganise, type OrganiserFacts } from "./organiser-rights";

export interface CatalogueCertification {
  code: string;
  name: string;
  commissionCode: string;
  levels: OrganiserLevel[];
  examinable: boolean;
  minAge: number | null;
  maxAge: number | null;
  ageReference: "session_start" | "year_start";
  /** "E3", "E4", "MON-NITROX-C", "MON-TRIMIX", "ANTEOR"; null: no requirement. */
  juryPrerogative: string | null;
  equivalenceOnly: boolean;
  /** All groups required; any code within a group: [["N2", "PA20"]]. */
  prerequisites: string[][];
  /** For equivalenceOnly certifications: the equivalence codes that grant them. */
  equivalenceCodes: string[];
  gridCode: string | null;
}

type PersonFacts = {
  licences: LicenceFacts[];
  birthDate: string;
  certifications: { code: string; obtainedOn: string }[];
  authorisedOrganiserIds: number[];
};

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
  /** In input order. */
  candidates: { id: number; licenseeId: number; errors: string[]; awarded: boolean }[];
  /** In input order. */
  jury: { id: number; licenseeId: number; role: JuryRole; errors: string[] }[];
  /** Only when ok; empty otherwise. */
  awards: { licenseeId: number; certificationCode: string; obtainedOn: string }[];
}

/** `le licencié doit avoir un age >= {0} ans` (domain.md §5, wording kept as is). */
export const minAge = (bound: number) => `le licencié doit avoir un age >= ${bound} ans`;
/** `le licencié doit avoir un age <= {0} ans` (domain.md §5, wording kept as is). */
export const maxAge = (bound: number) => `le licencié doit avoir un age <= ${bound} ans`;

/** The exact texts of domain.md §5. */
export const MESSAGES = {
  // Candidate, in the order they are checked.
  licenceNotValidated: "La licence du licencié n'est pas validée",
  alreadyHolds: "Ce brevet est déjà attribué au licencié",
  equivalenceUnknown: "Equivalence non renseignée ou inconnue",
  missingPrerequisites: "Le licencié n'a pas les brevets requis",
  minAge,
  maxAge,
  marksIncomplete: "Notes incomplètes pour ce candidat",
  // Président / délégué, in the order they are checked.
  juryLicenceInvalid: "La licence du moniteur n'est pas valide",
  juryLacksPrerogative: "Le formateur n'a pas les brevets requis",
  juryNotAuthorised: "Le moniteur n'a pas donné son autorisation à la structure",
  // Session, in the order they are checked.
  noCandidate: "La session ne comporte aucun candidat",
  noPresidentOrDelegate: "Au moins un président de jury ou un délégué est obligatoire",
  dateInFuture: "La date de la session est dans le futur",
  organiserMayNotOrganise: "Cet organisateur ne peut pas organiser ce brevet",
} as const;

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
  const heldBy = (facts: PersonFacts) =>
    new Set(facts.certifications.filter((held) => held.obtainedOn <= start).map((held) => held.code));

  const gridSession = certification.gridCode !== null || input.candidates.some((candidate) => candidate.grid);

  const candidates = input.candidates.map((candidate) => {
    const facts = person(candidate.licenseeId);
    const held = heldBy(facts);
    const errors: string[] = [];

    if (!hasValidLicence(facts.licences, start)) errors.push(MESSAGES.licenceNotValidated);

    if (facts.certifications.some((c) => c.code === certification.code)) errors.push(MESSAGES.alreadyHolds);

    const code = candidate.equivalenceCode;
    const countsAs = code === null ? undefined : input.equivalences[code];
    const unknownCode = code !== null && countsAs === undefined;
    const notGranting =
      certification.equivalenceOnly && (code === null || !certification.equivalenceCodes.includes(code));
    if (unknownCode || notGranting) errors.push(MESSAGES.equivalenceUnknown);

    if (!certification.equivalenceOnly) {
      const satisfied = (group: string[]) => group.some((required) => held.has(required) || required === countsAs);
      if (!certification.prerequisites.every(satisfied)) errors.push(MESSAGES.missingPrerequisites);
    }

    const referenceDay = certification.ageReference === "year_start" ? `${start.slice(0, 4)}-01-01` : start;
    const age = ageOn(facts.birthDate, referenceDay);
    if (certification.minAge !== null && age < certification.minAge) errors.push(minAge(certification.minAge));
    if (certification.maxAge !== null && age > certification.maxAge) errors.push(maxAge(certification.maxAge));

    if (gridSession && !candidate.grid?.complete) errors.push(MESSAGES.marksIncomplete);

    // An "Ajourné" candidate has no error: they are simply not awarded.
    const awarded = errors.length === 0 && (!gridSession || candidate.grid?.admitted === true);
    return { id: candidate.id, licenseeId: candidate.licenseeId, errors, awarded };
  });

  const jury = input.jury.map((member) => {
    const errors: string[] = [];
    if (member.role !== "membre") {
      const facts = person(member.licenseeId);
      if (!hasValidLicence(facts.licences, start)) errors.push(MESSAGES.juryLicenceInvalid);
      const prerogative = certification.juryPrerogative;
      if (prerogative !== null) {
        const granting = input.prerogatives[prerogative] ?? [prerogative];
        const held = heldBy(facts);
        if (!granting.some((code) => held.has(code))) errors.push(MESSAGES.juryLacksPrerogative);
      }
      if (!facts.authorisedOrganiserIds.includes(session.organiserId)) errors.push(MESSAGES.juryNotAuthorised);
    }
    return { id: member.id, licenseeId: member.licenseeId, role: member.role, errors };
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
