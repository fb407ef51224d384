/**
 * One person's eligibility for a session, rule by rule (domain.md §5), with the facts behind each
 * verdict in plain words: what "Vérifier" reports for them, and what the Participants and Jury tabs
 * and the licensee search show before anyone clicks it. Plain data in, findings out: the close
 * checks (`close-checks.ts`) call these same functions, so a message can never differ between them.
 */
import type { JuryRole, OrganiserLevel } from "../../db/schema";
import { ageOn } from "./age";
import { hasValidLicence, type LicenceFacts } from "./licence";

/** A brevet of the catalogue, as the rules read it. */
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

export interface PersonFacts {
  licences: LicenceFacts[];
  birthDate: string;
  certifications: { code: string; obtainedOn: string }[];
  authorisedOrganiserIds: number[];
}

/** What the rules of one session need besides the person. */
export interface SessionRules {
  /** YYYY-MM-DD: every date comparison is on it. */
  startDate: string;
  organiserId: number;
  certification: CatalogueCertification;
  /** Equivalence code -> certification code it counts as (CMAS-3 -> N3). */
  equivalences: Record<string, string>;
  /** Prerogative -> certifications that grant it (E3 -> ["MF1", "MF2"]). */
  prerogatives: Record<string, string[]>;
}

/** A failed rule: the exact message of domain.md §5 and, when there is one, the fact behind it. */
export interface Finding {
  message: string;
  fact: string | null;
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

/** `2026-11-28` → `28/11/2026`. */
export function frenchDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

/** `A`, `A ou B`, `A, B ou C`. */
function either(codes: string[]): string {
  return codes.length <= 1 ? (codes[0] ?? "") : `${codes.slice(0, -1).join(", ")} ou ${codes[codes.length - 1]}`;
}

/**
 * The licence on a day, in words: « licence 2026 validée », « licence 2026 en attente »,
 * « aucune licence 2026 (dernière : 2024) », « aucune licence ». The season named is the one a
 * licence covering the day would have (the later one from 15 September on).
 */
export function licenceFact(licences: LicenceFacts[], day: string): string {
  const year = Number(day.slice(0, 4));
  const covering = day >= `${year}-09-15` ? [year + 1, year] : [year];
  const valid = licences.find((l) => l.status === "validee" && covering.includes(l.season));
  if (valid && hasValidLicence(licences, day)) return `licence ${valid.season} validée`;
  const waiting = licences.find((l) => l.status === "en_attente" && covering.includes(l.season));
  if (waiting) return `licence ${waiting.season} en attente`;
  if (licences.length === 0) return "aucune licence";
  const last = Math.max(...licences.map((l) => l.season));
  return `aucune licence ${year} (dernière : ${last})`;
}

/** The day a brevet's age bounds are read on: the session start, or 1 January of its year (MF2). */
export function ageReferenceDay(certification: CatalogueCertification, startDate: string): string {
  return certification.ageReference === "year_start" ? `${startDate.slice(0, 4)}-01-01` : startDate;
}

/** « 11 ans au 28/11/2026 ». */
export function ageFact(birthDate: string, day: string): string {
  const age = ageOn(birthDate, day);
  return `${age} an${age > 1 ? "s" : ""} au ${frenchDate(day)}`;
}

function heldOn(facts: PersonFacts, day: string): Set<string> {
  return new Set(facts.certifications.filter((held) => held.obtainedOn <= day).map((held) => held.code));
}

/**
 * A candidate's failed rules, in the order of domain.md §5 (the grid's "Notes incomplètes" is the
 * session's business: `checkClose` adds it).
 */
export function candidateFindings(rules: SessionRules, facts: PersonFacts, equivalenceCode: string | null): Finding[] {
  const { certification, startDate: start } = rules;
  const held = heldOn(facts, start);
  const findings: Finding[] = [];

  if (!hasValidLicence(facts.licences, start)) {
    findings.push({ message: MESSAGES.licenceNotValidated, fact: licenceFact(facts.licences, start) });
  }

  if (facts.certifications.some((c) => c.code === certification.code)) {
    findings.push({ message: MESSAGES.alreadyHolds, fact: `détient déjà ${certification.code}` });
  }

  const code = equivalenceCode;
  const countsAs = code === null ? undefined : rules.equivalences[code];
  const unknownCode = code !== null && countsAs === undefined;
  const notGranting =
    certification.equivalenceOnly && (code === null || !certification.equivalenceCodes.includes(code));
  if (unknownCode || notGranting) {
    const expected = certification.equivalenceOnly ? ` (attendue : ${either(certification.equivalenceCodes)})` : "";
    const fact =
      code === null
        ? `aucune équivalence renseignée${expected}`
        : unknownCode
          ? `équivalence ${code} inconnue${expected}`
          : `l'équivalence ${code} ne donne pas ${certification.code}${expected}`;
    findings.push({ message: MESSAGES.equivalenceUnknown, fact });
  }

  if (!certification.equivalenceOnly) {
    const satisfied = (group: string[]) => group.some((required) => held.has(required) || required === countsAs);
    const missing = certification.prerequisites.filter((group) => !satisfied(group));
    if (missing.length > 0) {
      findings.push({
        message: MESSAGES.missingPrerequisites,
        fact: `manque ${missing.map(either).join(", ")} au ${frenchDate(start)}`,
      });
    }
  }

  const referenceDay = ageReferenceDay(certification, start);
  const age = ageOn(facts.birthDate, referenceDay);
  if (certification.minAge !== null && age < certification.minAge) {
    findings.push({ message: minAge(certification.minAge), fact: ageFact(facts.birthDate, referenceDay) });
  }
  if (certification.maxAge !== null && age > certification.maxAge) {
    findings.push({ message: maxAge(certification.maxAge), fact: ageFact(facts.birthDate, referenceDay) });
  }
  return findings;
}

/** The certifications that grant a jury prerogative (E3 -> MF1, MF2); a prerogative not listed is its own code. */
export function grantingCertifications(rules: Pick<SessionRules, "prerogatives">, prerogative: string): string[] {
  return rules.prerogatives[prerogative] ?? [prerogative];
}

/** A président's or délégué's failed rules, in the order of domain.md §5; a membre du jury is never checked. */
export function juryFindings(rules: SessionRules, facts: PersonFacts | undefined, role: JuryRole): Finding[] {
  if (role === "membre") return [];
  if (!facts) throw new Error("juryFindings: no facts for a président or délégué");
  const start = rules.startDate;
  const findings: Finding[] = [];
  if (!hasValidLicence(facts.licences, start)) {
    findings.push({ message: MESSAGES.juryLicenceInvalid, fact: licenceFact(facts.licences, start) });
  }
  const prerogative = rules.certification.juryPrerogative;
  if (prerogative !== null) {
    const granting = grantingCertifications(rules, prerogative);
    const held = heldOn(facts, start);
    if (!granting.some((code) => held.has(code))) {
      const fact =
        granting.length === 1
          ? `ne détient pas ${granting[0]}`
          : granting.length === 2
            ? `ne détient ni ${granting[0]} ni ${granting[1]}`
            : `ne détient aucun de ${granting.join(", ")}`;
      findings.push({ message: MESSAGES.juryLacksPrerogative, fact: `${fact} au ${frenchDate(start)}` });
    }
  }
  if (!facts.authorisedOrganiserIds.includes(rules.organiserId)) {
    findings.push({ message: MESSAGES.juryNotAuthorised, fact: "aucune autorisation donnée à cet organisateur" });
  }
  return findings;
}

/** The brevets that make someone a teacher: INITIATEUR (E1) and every certification granting a jury prerogative. */
export function teachingGrades(rules: Pick<SessionRules, "prerogatives">, facts: PersonFacts): string[] {
  const teaching = new Set(["INITIATEUR", ...Object.values(rules.prerogatives).flat()]);
  return [...new Set(facts.certifications.map((c) => c.code).filter((code) => teaching.has(code)))].sort();
}

/**
 * What to show beside a person before anyone clicks "Vérifier", in plain words: for a candidate,
 * the licence on the session's start date and the age on the brevet's reference day; for a
 * jury member, the licence, the teaching grades held and whether they authorised this organiser.
 */
export function candidateSummary(rules: SessionRules, facts: PersonFacts): string[] {
  return [
    licenceFact(facts.licences, rules.startDate),
    ageFact(facts.birthDate, ageReferenceDay(rules.certification, rules.startDate)),
  ];
}

export function jurySummary(rules: SessionRules, facts: PersonFacts): string[] {
  const grades = teachingGrades(rules, facts);
  return [
    licenceFact(facts.licences, rules.startDate),
    grades.length ? `enseignement : ${grades.join(", ")}` : "aucun brevet d'enseignant",
    facts.authorisedOrganiserIds.includes(rules.organiserId)
      ? "a autorisé cet organisateur"
      : "n'a pas autorisé cet organisateur",
  ];
}
